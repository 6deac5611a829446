package runbook.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.exec.Console;
import runbook.exec.Continuation;
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
import runbook.lint.RunReadiness;
import runbook.model.Playbook;
import runbook.parse.ParamsFile;
import runbook.process.Host;
import runbook.process.LocalHost;
import runbook.scenario.Scenario;
import runbook.scenario.ScenarioHost;
import runbook.state.RunPreparer;
import runbook.state.Simulation;

/**
 * What {@code run} and {@code resume} share once their run is prepared ({@link RunPreparer}): who
 * and where the operator is, the console, the terminal, and running the engine under the signal
 * trap with its outcome mapped to an exit code.
 */
final class RunSession {
  private final CliContext cli;
  private final BufferedReader terminalIn;
  private java.util.concurrent.CompletableFuture<Integer> terminalColumns;

  RunSession(CliContext cli) {
    this.cli = cli;
    // one reader for every question: two buffered readers on one stream would steal each other's lines
    this.terminalIn = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8));
  }

  String user() {
    return cli.env().getOrDefault("USER", System.getProperty("user.name", "unknown"));
  }

  Path stateDir(Path option) {
    Path home = Path.of(cli.env().getOrDefault("HOME", System.getProperty("user.home")));
    return StateDirectory.resolve(option, cli.env(), user(), home);
  }

  /**
   * The kernel's host name (what {@code hostname} prints), read from {@code /proc}: never a name
   * lookup, which in an outage can wait on an unreachable DNS server, and on a host whose name is in
   * no {@code /etc/hosts} fails.
   */
  String hostName() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException e) {
      // not Linux, or /proc not mounted: the shell's idea of it, said as unknown when there is none
    }
    return cli.env().getOrDefault("HOSTNAME", "unknown");
  }

  /** True when an operator can be asked: a terminal, and not {@code --non-interactive}. */
  boolean interactive(boolean nonInteractive) {
    return cli.terminal() && !nonInteractive;
  }

  BufferedReader terminalIn() {
    return terminalIn;
  }

  /** {@code --params FILE} then {@code --set NAME=VALUE} (later wins). */
  static Map<String, String> params(Path paramsFile, List<String> sets) throws Exception {
    Map<String, String> parsedSets = RunSharedOptions.parseSets(sets);
    Map<String, String> params = new LinkedHashMap<>();
    if (paramsFile != null) {
      NoInputException.requireFile(paramsFile, "params");
      ParamsFile.read(paramsFile).forEach((name, value) -> params.put(name, value.text()));
    }
    params.putAll(parsedSets);
    return params;
  }

  Console console(boolean verbose, boolean quiet, boolean noColor, boolean fullTable) throws UsageException {
    if (verbose && quiet) {
      throw new UsageException(List.of("-v and -q contradict each other; give one"));
    }
    boolean color = !noColor && cli.env().getOrDefault("NO_COLOR", "").isEmpty();
    Verbosity verbosity = verbose ? Verbosity.VERBOSE : quiet ? Verbosity.QUIET : Verbosity.NORMAL;
    // a terminal that cannot move its cursor (TERM=dumb, an editor's shell) gets the plain lines
    boolean live = cli.terminal() && !dumbTerminal();
    Console console = new Console(cli.out(), cli.err(), live, color, verbosity, columns(), fullTable || verbose);
    if (live) {
      // asking the terminal starts a process (about 0.1 s in a cold JVM): it runs while the playbook
      // is read and checked, and execute() waits for the answer before the first step is drawn
      terminalColumns = java.util.concurrent.CompletableFuture.supplyAsync(TerminalSize::columns);
      TerminalSize.watch(console::resized);
    }
    return console;
  }

  /** The terminal's width, once it has answered; the console keeps its first guess when it does not. */
  void awaitTerminalWidth(Console console) {
    if (terminalColumns == null) {
      return;
    }
    try {
      int columns = terminalColumns.get(2, java.util.concurrent.TimeUnit.SECONDS);
      if (columns > 0) {
        console.resized(columns);
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // no answer: the width stays $COLUMNS or 80
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean dumbTerminal() {
    String term = cli.env().getOrDefault("TERM", "");
    return term.isEmpty() || term.equals("dumb");
  }

  /**
   * Runs a prepared run under the signal trap, on this host or, with a scenario, on the simulated
   * host it describes (its flags set as prepared, and kept in the run directory for a resume); the
   * exit code of its outcome.
   *
   * @param detached no terminal belongs to the run ({@code run --detach}): its confirms wait for
   *     {@code runbook attach}
   */
  int execute(RunPreparer.Prepared run, Console console, boolean nonInteractive, boolean detached) throws Exception {
    Playbook pb = run.playbook();
    RunOptions options = run.options();
    Continuation continuation = run.continuation();
    Scenario scenario = run.scenario();
    ExprEngine engine = new ExprEngine();
    List<Diagnostic> problems = RunReadiness.problems(pb, engine);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    runbook.exec.Phases.mark("check");
    awaitTerminalWidth(console);
    Interruption interruption = new Interruption();
    Host host;
    if (scenario != null) {
      cli.err().println("simulated run: the scenario " + scenario.file() + " answers every command; nothing runs on this host");
      host = Simulation.recording(new ScenarioHost(scenario.rules(), run.scenarioFlags()),
          Simulation.flagsFile(options.stateDir(), continuation.runId()));
    } else {
      LocalHost local = new LocalHost();
      interruption.onRequest(local::terminateAll);
      host = local;
    }
    Prompter prompter = detached
        ? new TerminalPrompter(null, cli.out(), "none", interruption)
        : interactive(nonInteractive)
        ? new TerminalPrompter(terminalIn, cli.out(), TerminalPrompter.currentTerminal(), interruption)
        : Prompter.NONE;
    Runnable hangUp = () -> {
      // the terminal is gone: the run goes on, and a confirm waits for runbook attach
      if (prompter instanceof TerminalPrompter asking) {
        asking.hangUp();
      }
      org.slf4j.LoggerFactory.getLogger(RunSession.class).info("SIGHUP: the terminal is gone; the run goes on without it");
    };
    RunResult result;
    try (SignalTrap trap = SignalTrap.install(interruption, hangUp)) {
      result = new Runner(host, engine, console, prompter, interruption, Clock.systemUTC())
          .resumeOptions(resumeOptions(pb, options, nonInteractive))
          .run(pb, options, continuation);
    } catch (RunDirectoryException e) {
      // the state directory is not usable: the run stopped before its first step
      cli.err().println("error: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    switch (result.outcome()) {
      case SUCCEEDED: return ExitCodes.OK;
      case FAILED: return ExitCodes.FAILED;
      case ABORTED: return ExitCodes.ABORTED;
      default: return ExitCodes.INTERRUPTED;
    }
  }

  /** When the terminal cannot tell: {@code $COLUMNS} if set, else the 80 columns of a console. */
  private int columns() {
    try {
      return Integer.parseInt(cli.env().getOrDefault("COLUMNS", "80"));
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  /**
   * What {@code runbook resume} needs besides the run id to continue a run as it was started: the
   * state directory when it is not the default, the approvals and {@code --non-interactive} given,
   * and the secret params, which are never stored (each from an environment variable named after
   * it, which the operator sets before resuming).
   */
  private List<String> resumeOptions(Playbook pb, RunOptions options, boolean nonInteractive) {
    List<String> words = new java.util.ArrayList<>();
    Path home = Path.of(cli.env().getOrDefault("HOME", System.getProperty("user.home")));
    Map<String, String> withoutOverride = new LinkedHashMap<>(cli.env());
    withoutOverride.remove("RUNBOOK_STATE_DIR");
    Path usual = StateDirectory.resolve(null, withoutOverride, user(), home);
    if (!options.stateDir().toAbsolutePath().normalize().equals(usual.toAbsolutePath().normalize())) {
      words.addAll(List.of("--state-dir", options.stateDir().toString()));
    }
    if (options.yesToAll()) {
      words.add("--yes");
    }
    options.approve().stream().sorted().forEach(id -> words.addAll(List.of("--approve", id)));
    if (nonInteractive) {
      words.add("--non-interactive");
    }
    // never on the command line, where every local user reads it: from a variable the operator sets
    pb.params().values().stream().filter(p -> p.secret())
        .forEach(p -> words.addAll(List.of("--set-from-env", p.name() + "=" + secretVariable(p.name()))));
    return words;
  }

  /** {@code api-token} → {@code RUNBOOK_SECRET_API_TOKEN}: the variable a resume hint reads a secret from. */
  static String secretVariable(String param) {
    return "RUNBOOK_SECRET_" + param.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
