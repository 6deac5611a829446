package runbook.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.exec.Console;
import runbook.exec.Continuation;
import runbook.exec.RunOptions;
import runbook.exec.UsageException;
import runbook.journal.RunId;
import runbook.lint.RunReadiness;
import runbook.model.Playbook;
import runbook.scenario.Scenario;
import runbook.scenario.ScenarioReader;
import runbook.state.LockHolder;
import runbook.state.RunLock;
import runbook.state.Simulation;

/** {@code runbook run PLAYBOOK}: execute a playbook. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Execute a playbook.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK", description = "The playbook file, or the name of an installed playbook.")
  private Path playbook;

  @Option(names = "--dry-run", description = "Run only the steps with changes: false; show what the others would run.")
  private boolean dryRun;

  @Option(names = "--step", description = "Ask before each step: run, skip or quit.")
  private boolean step;

  @Option(names = "--from", paramLabel = "ID", description = "Start at this step.")
  private String from;

  @Option(names = "--simulate", paramLabel = "SCENARIO",
      description = "Rehearse: the scenario answers every command; nothing runs on this host.")
  private Path simulate;

  @Option(names = "--detach", description = "Run in the background, independent of this session; prints the run id and how to attach.")
  private boolean detach;

  /** Set by --detach for the background engine: the id it was announced under. */
  @Option(names = "--run-id", hidden = true)
  private String presetRunId;

  /** The background engine of --detach: no terminal belongs to it, confirms wait for attach. */
  @Option(names = "--detached", hidden = true)
  private boolean detached;

  /** The background engine of --detach reads its options from here. */
  @Option(names = "--handoff", hidden = true)
  private Path handoff;

  @Mixin private RunInputOptions inputs;

  @Mixin private StateDirOption stateDir;

  @Mixin private OutputOptions output;

  @Override
  public Integer call() throws Exception {
    if (handoff != null) {
      return backgroundEngine();
    }
    if (playbook == null) {
      throw new UsageException(List.of("name the playbook to run: runbook run PLAYBOOK"));
    }
    if (detach && step) {
      throw new UsageException(List.of("--step asks before each step on a terminal; it cannot be --detach'ed"));
    }
    RunSession session = new RunSession(main.context());
    Map<String, String> params = inputs.plainParams();
    Map<String, String> fromSecrets = inputs.secrets.read(main.context());
    params.putAll(fromSecrets);
    Console console = output.console(session);
    Path given = playbook;
    playbook = PlaybookNames.resolve(given, main.context().env());
    NoInputException.requireFile(playbook, "playbook", PlaybookNames.notFoundHint(given, main.context().env()));
    Scenario scenario = null;
    if (simulate != null) {
      NoInputException.requireFile(simulate, "scenario");
      scenario = ScenarioReader.read(simulate);
      // the scenario's params are the rehearsal's defaults; --params and --set still win
      Map<String, String> merged = new LinkedHashMap<>(scenario.params());
      merged.putAll(params);
      params = merged;
    }
    Playbook pb = RunReadiness.load(playbook);
    if (!detached) {
      inputs.warnSecretsOnCommandLine(pb, main.context().err());
    }

    String user = session.user();
    RunOptions options =
        new RunOptions(params, dryRun, step, inputs.yes, Set.copyOf(inputs.approve), from,
            stateDir.resolve(session), main.context().env(), user, session.hostName(), scenario != null);
    String runId = presetRunId != null && RunId.isValid(presetRunId) ? presetRunId : RunId.create(Instant.now(), pb.name());
    if (detach) {
      return Detacher.start(main.context(), options.stateDir(), runId, backgroundArgs(options.stateDir(), runId, fromSecrets));
    }
    // one run per playbook and state directory: the lock is taken before the run directory exists
    try (RunLock lock = RunLock.acquire(options.stateDir(), pb.name(), LockHolder.self(user, options.host(), Instant.now().toString(), runId))) {
      List<runbook.journal.JournalRecord> notes = new ArrayList<>();
      if (lock.takeoverRecord() != null) {
        main.context().err().println("warning: " + lock.takeoverMessage());
        notes.add(lock.takeoverRecord());
      }
      if (scenario != null) {
        notes.add(Simulation.record(simulate));
      }
      return session.execute(pb, options, Continuation.fresh(runId, notes), console, inputs.nonInteractive, scenario, Set.of(), detached);
    }
  }

  /** The options of this run for its background engine: the same, with absolute paths. */
  private List<String> backgroundArgs(Path state, String runId, Map<String, String> fromSecrets) {
    List<String> a = new ArrayList<>();
    a.add(playbook.toAbsolutePath().toString());
    inputs.sets.forEach(x -> a.addAll(List.of("--set", x)));
    // read here, where the file or stdin is; they travel through the private handoff socket, never
    // on a command line
    fromSecrets.forEach((k, v) -> a.addAll(List.of("--set", k + "=" + v)));
    if (inputs.paramsFile != null) {
      a.addAll(List.of("--params", inputs.paramsFile.toAbsolutePath().toString()));
    }
    if (dryRun) {
      a.add("--dry-run");
    }
    if (inputs.yes) {
      a.add("--yes");
    }
    inputs.approve.forEach(x -> a.addAll(List.of("--approve", x)));
    if (inputs.nonInteractive) {
      a.add("--non-interactive");
    }
    if (from != null) {
      a.addAll(List.of("--from", from));
    }
    if (simulate != null) {
      a.addAll(List.of("--simulate", simulate.toAbsolutePath().toString()));
    }
    a.addAll(List.of("--state-dir", state.toAbsolutePath().toString()));
    a.addAll(output.args());
    a.addAll(List.of("--run-id", runId, "--detached"));
    return a;
  }

  /**
   * The engine --detach started: reads its options and environment from the handoff socket, runs,
   * and leaves its exit code in {@code control/exit} for the command that started it.
   */
  @SuppressWarnings("unchecked")
  private int backgroundEngine() throws Exception {
    Map<String, Object> handed = Detacher.receive(handoff);
    List<String> args = new ArrayList<>(List.of("run"));
    ((List<Object>) handed.get("args")).forEach(x -> args.add(String.valueOf(x)));
    Map<String, String> env = new LinkedHashMap<>();
    ((Map<String, Object>) handed.get("env")).forEach((k, v) -> env.put(k, String.valueOf(v)));
    CliContext cli = main.context();
    int code = Main.execute(args.toArray(String[]::new),
        new CliContext(cli.out(), cli.err(), java.io.InputStream.nullInputStream(), env, false));
    Path exit = handoff.resolveSibling("exit");
    runbook.journal.PrivateFiles.write(exit, code + "\n");
    return code;
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
