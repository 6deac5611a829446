package runbook.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.exec.Console;
import runbook.exec.Interruption;
import runbook.exec.Prompter;
import runbook.exec.RunDirectoryException;
import runbook.exec.RunOptions;
import runbook.exec.RunResult;
import runbook.exec.Runner;
import runbook.exec.TerminalPrompter;
import runbook.exec.UsageException;
import runbook.exec.Verbosity;
import runbook.expr.ExprEngine;
import runbook.journal.StateDirectory;
import runbook.model.Playbook;
import runbook.parse.ParamsFile;
import runbook.parse.PlaybookParser;
import runbook.process.LocalHost;

/** {@code runbook run PLAYBOOK}: execute a playbook. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Execute a playbook.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file.")
  private Path playbook;

  @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a param (repeatable; wins over --params).")
  private List<String> sets = new ArrayList<>();

  @Option(names = "--params", paramLabel = "FILE", description = "A YAML file mapping param names to values.")
  private Path paramsFile;

  @Option(names = "--dry-run", description = "Run only the steps with changes: false; show what the others would run.")
  private boolean dryRun;

  @Option(names = "--step", description = "Ask before each step: run, skip or quit.")
  private boolean step;

  @Option(names = "--yes", description = "Approve every confirm step.")
  private boolean yes;

  @Option(names = "--approve", paramLabel = "ID", description = "Approve this confirm step (repeatable).")
  private List<String> approve = new ArrayList<>();

  @Option(names = "--non-interactive", description = "Never ask; a confirm not approved by --yes or --approve aborts the run.")
  private boolean nonInteractive;

  @Option(names = "--from", paramLabel = "ID", description = "Start at this step.")
  private String from;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Where runs are kept (default: $RUNBOOK_STATE_DIR, /var/lib/runbook for root, else $XDG_STATE_HOME/runbook).")
  private Path stateDir;

  @Option(names = {"-v", "--verbose"}, description = "Show every command and output line.")
  private boolean verbose;

  @Option(names = {"-q", "--quiet"}, description = "Show only failures and the summary.")
  private boolean quiet;

  @Option(names = "--no-color", description = "No colour (also when NO_COLOR is set).")
  private boolean noColor;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    Map<String, String> sets = parseSets(this.sets);
    if (verbose && quiet) {
      throw new UsageException(List.of("-v and -q contradict each other; give one"));
    }
    if (!Files.isRegularFile(playbook)) {
      throw new NoInputException(Files.isDirectory(playbook)
          ? "not a playbook file: " + playbook + " is a directory"
          : "no such file: " + playbook);
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (paramsFile != null) {
      if (!Files.isRegularFile(paramsFile)) {
        throw new NoInputException("no such params file: " + paramsFile);
      }
      ParamsFile.read(paramsFile).forEach((name, value) -> params.put(name, value.text()));
    }
    params.putAll(sets);
    Playbook pb = PlaybookParser.parse(playbook);

    String user = cli.env().getOrDefault("USER", System.getProperty("user.name", "unknown"));
    Path home = Path.of(cli.env().getOrDefault("HOME", System.getProperty("user.home")));
    RunOptions options =
        new RunOptions(params, dryRun, step, yes, Set.copyOf(approve), from,
            StateDirectory.resolve(stateDir, cli.env(), user, home), cli.env(), user, hostName(cli.env()), false);

    boolean color = !noColor && cli.env().getOrDefault("NO_COLOR", "").isEmpty();
    Verbosity verbosity = verbose ? Verbosity.VERBOSE : quiet ? Verbosity.QUIET : Verbosity.NORMAL;
    Console console = new Console(cli.out(), cli.err(), cli.terminal(), color, verbosity, columns(cli.env()));
    LocalHost host = new LocalHost();
    Interruption interruption = new Interruption();
    interruption.onRequest(host::terminateAll);
    Prompter prompter = cli.terminal() && !nonInteractive
        ? new TerminalPrompter(new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8)), cli.out(), TerminalPrompter.currentTerminal(), interruption)
        : Prompter.NONE;

    RunResult result;
    try (SignalTrap trap = SignalTrap.install(interruption)) {
      result = new Runner(host, new ExprEngine(), console, prompter, interruption, Clock.systemUTC()).run(pb, options);
    } catch (RunDirectoryException e) {
      cli.err().println("error: " + e.getMessage());
      return ExitCodes.INTERNAL;
    }
    switch (result.outcome()) {
      case SUCCEEDED: return ExitCodes.OK;
      case FAILED: return ExitCodes.FAILED;
      case ABORTED: return ExitCodes.ABORTED;
      default: return ExitCodes.INTERRUPTED;
    }
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

  private static int columns(Map<String, String> env) {
    try {
      return Integer.parseInt(env.getOrDefault("COLUMNS", "100"));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  private static String hostName(Map<String, String> env) {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return env.getOrDefault("HOSTNAME", "unknown");
    }
  }
}
