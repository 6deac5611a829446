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

  @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file, or the name of an installed playbook.")
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

  @Option(names = "--simulate", paramLabel = "SCENARIO",
      description = "Rehearse: the scenario answers every command; nothing runs on this host.")
  private Path simulate;

  @Mixin private StateDirOption stateDir;

  @Mixin private OutputOptions output;

  @Override
  public Integer call() throws Exception {
    RunSession session = new RunSession(main.context());
    Map<String, String> params = RunSession.params(paramsFile, sets);
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

    String user = session.user();
    RunOptions options =
        new RunOptions(params, dryRun, step, yes, Set.copyOf(approve), from,
            stateDir.resolve(session), main.context().env(), user, session.hostName(), scenario != null);
    String runId = RunId.create(Instant.now(), pb.name());
    // one run per playbook and state directory: the lock is taken before the run directory exists
    try (RunLock lock = RunLock.acquire(options.stateDir(), pb.name(), LockHolder.self(user, options.host(), Instant.now().toString(), runId))) {
      List<Continuation.Note> notes = new ArrayList<>();
      if (lock.takeoverRecord() != null) {
        main.context().err().println("warning: " + lock.takeoverMessage());
        notes.add(new Continuation.Note("lock-taken-over", lock.takeoverRecord()));
      }
      if (scenario != null) {
        notes.add(Simulation.record(simulate));
      }
      return session.execute(pb, options, Continuation.fresh(runId, notes), console, nonInteractive, scenario, Set.of());
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
}
