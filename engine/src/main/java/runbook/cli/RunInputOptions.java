package runbook.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import runbook.exec.UsageException;
import runbook.model.Playbook;

/**
 * The options {@code run} and {@code resume} share, declared once: the params (from the command
 * line, a file, or kept off the process list), the approvals given in advance, and whether anyone
 * is asked.
 */
final class RunInputOptions {
  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Set a param (repeatable; wins over --params). On resume: give a secret param again (secrets are never stored).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--params", paramLabel = "FILE", description = "A YAML file mapping param names to values.")
  Path paramsFile;

  @Option(names = "--yes", description = "Approve every confirm step (on resume: every one not yet approved).")
  boolean yes;

  @Option(names = "--approve", paramLabel = "ID", description = "Approve this confirm step (repeatable).")
  List<String> approve = new ArrayList<>();

  @Option(names = "--non-interactive",
      description = "Never ask: a confirm not approved by --yes or --approve aborts the run; on resume an interrupted change needs --rerun-interrupted or --mark-done.")
  boolean nonInteractive;

  @Mixin SecretOptions secrets;

  /** {@code --params}, then {@code --set} (later wins): the values that may be on a command line. */
  Map<String, String> plainParams() throws Exception {
    return RunSession.params(paramsFile, sets);
  }

  /** Every param given: {@link #plainParams}, then {@code --set-from-file} and {@code --set-from-env}. */
  Map<String, String> params(CliContext cli) throws Exception {
    Map<String, String> params = plainParams();
    params.putAll(secrets.read(cli));
    return params;
  }

  /**
   * A secret param given with {@code --set} is in the engine's command line for the whole run (or
   * resume), where every local user reads it ({@code /proc/PID/cmdline}, {@code ps}): say how to keep
   * it out. A name also given with {@code --set-from-file} or {@code --set-from-env} takes that value.
   */
  void warnSecretsOnCommandLine(Playbook pb, PrintWriter err) throws UsageException {
    java.util.Set<String> readOtherwise = secrets.names();
    for (String name : RunCommand.parseSets(sets).keySet()) {
      if (pb.params().containsKey(name) && pb.params().get(name).secret() && !readOtherwise.contains(name)) {
        err.println("warning: param `" + name + "` is secret, but --set puts its value in this"
            + " command's arguments, which every local user can read in the process list while the run lasts;"
            + " give it with --set-from-file " + name + "=FILE (- for standard input) or --set-from-env " + name + "=VAR");
      }
    }
  }
}
