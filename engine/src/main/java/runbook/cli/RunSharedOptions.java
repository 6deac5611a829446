package runbook.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import runbook.exec.Console;
import runbook.exec.UsageException;
import runbook.state.RunRequest;

/**
 * Every option {@code run} and {@code resume} share, declared once: the params (from the command
 * line, a file, or kept off the process list), the approvals given in advance, whether anyone is
 * asked, the state directory, and how much is printed. {@link #common} turns them into the part of
 * a {@link RunRequest} both commands make.
 */
final class RunSharedOptions {
  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Set a param (repeatable; wins over --params). On resume: give a secret param again (secrets are never stored).")
  private List<String> sets = new ArrayList<>();

  @Option(names = "--params", paramLabel = "FILE", description = "A YAML file mapping param names to values.")
  private Path paramsFile;

  @Option(names = "--yes", description = "Approve every confirm step (on resume: every one not yet approved).")
  private boolean yes;

  @Option(names = "--approve", paramLabel = "ID", description = "Approve this confirm step (repeatable).")
  private List<String> approve = new ArrayList<>();

  @Option(names = "--non-interactive",
      description = "Never ask: a confirm not approved by --yes or --approve aborts the run; on resume an interrupted change needs --rerun-interrupted or --mark-done.")
  private boolean nonInteractive;

  /** {@code --set-from-file}, {@code --set-from-env}. */
  @Mixin private SecretOptions secrets;

  /** {@code --state-dir}, shared with every command that reads runs. */
  @Mixin private StateDirOption stateDir;

  /** {@code -v}, {@code -q}, {@code --no-color}, {@code --full-table}, shared with {@code attach}. */
  @Mixin private OutputOptions output;

  /**
   * What both requests hold: every param given ({@code --params}, then {@code --set}, then
   * {@code --set-from-file} and {@code --set-from-env}; later wins), who and where the operator is.
   *
   * @param handedOver the options came through a {@code --detach} handoff, not a command line:
   *     no value of them is in any process list
   */
  RunRequest.Common common(CliContext cli, RunSession session, boolean handedOver) throws Exception {
    Map<String, String> params = RunSession.params(paramsFile, sets);
    params.putAll(secrets.read(cli));
    // a name also given with --set-from-file or --set-from-env takes that value, off the command line
    Set<String> onCommandLine = new LinkedHashSet<>();
    if (!handedOver) {
      onCommandLine.addAll(parseSets(sets).keySet());
      onCommandLine.removeAll(secrets.names());
    }
    return new RunRequest.Common(params, onCommandLine, yes, approve, stateDir.resolve(session), cli.env(), session.user(),
        session.hostName());
  }

  boolean nonInteractive() {
    return nonInteractive;
  }

  Console console(RunSession session) throws UsageException {
    return output.console(session);
  }

  /**
   * The same options again for a run's background engine ({@code --detach}), every param as a
   * {@code --set}: they travel through the private handoff socket, never on a command line, and a
   * value read from standard input cannot be read twice.
   */
  List<String> args(RunRequest.Common c) {
    List<String> a = new ArrayList<>();
    c.params().forEach((k, v) -> a.addAll(List.of("--set", k + "=" + v)));
    if (c.yes()) {
      a.add("--yes");
    }
    c.approve().forEach(x -> a.addAll(List.of("--approve", x)));
    if (nonInteractive) {
      a.add("--non-interactive");
    }
    a.addAll(List.of("--state-dir", c.stateDir().toAbsolutePath().toString()));
    a.addAll(output.args());
    return a;
  }

  /** {@code --set name=value}: the name is everything before the first {@code =}. */
  static Map<String, String> parseSets(List<String> sets) throws UsageException {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        problems.add("bad --set `" + s + "`: expected NAME=VALUE, e.g. --set vg=pve");
        continue;
      }
      out.put(s.substring(0, eq), s.substring(eq + 1));
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    return out;
  }
}
