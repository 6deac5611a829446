package runbook.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.exec.Console;
import runbook.exec.UsageException;
import runbook.lint.RunReadiness;
import runbook.state.RunPreparer;
import runbook.state.RunRequest;

/**
 * {@code runbook run PLAYBOOK}: execute a playbook. Its options become a {@link RunRequest.Fresh}
 * that {@link RunPreparer} prepares; what fails is mapped to an exit code by {@link Main}.
 */
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

  @Mixin private RunSharedOptions shared;

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
    CliContext cli = main.context();
    RunSession session = new RunSession(cli);
    RunRequest.Common common = shared.common(cli, session, detached);
    Console console = shared.console(session);
    // a bare name (thin-pool-metadata-repair) is an installed playbook when no file here has it
    Path file = PlaybookNames.resolve(playbook, cli.env());
    NoInputException.requireFile(file, "playbook", PlaybookNames.notFoundHint(playbook, cli.env()));
    if (simulate != null) {
      NoInputException.requireFile(simulate, "scenario");
    }
    RunRequest.Fresh request = new RunRequest.Fresh(common, file, dryRun, step, from, simulate, presetRunId);
    RunPreparer preparer = new RunPreparer(RunReadiness::load, Clock.systemUTC());
    if (detach) {
      RunPreparer.Planned plan = preparer.plan(request, cli.err()::println);
      return Detacher.start(cli, common.stateDir(), plan.runId(), backgroundArgs(request, plan.runId()));
    }
    try (RunPreparer.Prepared run = preparer.prepare(request, RunPreparer.NOBODY, cli.err()::println)) {
      return session.execute(run, console, shared.nonInteractive(), detached);
    }
  }

  /** The request again as options for its background engine: the same, with absolute paths. */
  private List<String> backgroundArgs(RunRequest.Fresh r, String runId) {
    List<String> a = new ArrayList<>();
    a.add(r.playbook().toAbsolutePath().toString());
    a.addAll(shared.args(r.common()));
    if (dryRun) {
      a.add("--dry-run");
    }
    if (from != null) {
      a.addAll(List.of("--from", from));
    }
    if (simulate != null) {
      a.addAll(List.of("--simulate", simulate.toAbsolutePath().toString()));
    }
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
}
