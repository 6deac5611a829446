package runbook.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}, for every command that reads or writes runs. */
final class StateDirOption {
  @Option(names = "--state-dir", paramLabel = "DIR", description = "Where runs are kept (default: $RUNBOOK_STATE_DIR, /var/lib/runbook for root, else $XDG_STATE_HOME/runbook).")
  private Path stateDir;

  /** The state directory: the option, else the default for this user. */
  Path resolve(RunSession session) {
    return session.stateDir(stateDir);
  }
}
