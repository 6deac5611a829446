package runbook.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import runbook.state.RunCatalog;

/** {@code runbook runs}: the runs in the state directory, oldest first. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs in the state directory, oldest first.")
final class RunsCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Where runs are kept (default: $RUNBOOK_STATE_DIR, /var/lib/runbook for root, else $XDG_STATE_HOME/runbook).")
  private Path stateDir;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    Path dir = new RunSession(cli).stateDir(stateDir);
    List<RunCatalog.Entry> runs = RunCatalog.list(dir);
    if (runs.isEmpty()) {
      cli.err().println("no runs in " + dir);
      return ExitCodes.OK;
    }
    int idWidth = runs.stream().mapToInt(r -> r.id().length()).max().orElse(0);
    int nameWidth = Math.max("PLAYBOOK".length(), runs.stream().mapToInt(r -> r.playbook().length()).max().orElse(0));
    String format = "%-" + idWidth + "s  %-" + nameWidth + "s  %-20s  %-11s  %s%n";
    cli.out().printf(format, "RUN", "PLAYBOOK", "STARTED", "OUTCOME", "SIMULATED");
    for (RunCatalog.Entry r : runs) {
      cli.out().printf(format, r.id(), r.playbook(), r.started(), r.outcome(), r.simulated() ? "yes" : "no");
    }
    return ExitCodes.OK;
  }
}
