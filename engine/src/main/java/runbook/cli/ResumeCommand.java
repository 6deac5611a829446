package runbook.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.exec.Console;
import runbook.exec.UsageException;
import runbook.lint.RunReadiness;
import runbook.scenario.Scenario;
import runbook.scenario.ScenarioReader;
import runbook.state.ResumeException;
import runbook.state.Resumer;
import runbook.state.TerminalDecider;

/** {@code runbook resume [RUN_ID | --last]}: continue an interrupted, aborted or failed run from its journal. */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Continue an interrupted, aborted or failed run from its journal, at its first unfinished step.")
final class ResumeCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID", description = "The run to continue (`runbook runs` lists them).")
  private String runId;

  @Option(names = "--last", description = "Continue the most recent run in the state directory, passing over dry runs and rehearsals.")
  private boolean last;

  @Option(names = "--include-rehearsals", description = "With --last: a rehearsal (--simulate) may be chosen too.")
  private boolean rehearsals;

  @Option(names = "--force", description = "Continue although the playbook changed since the run started.")
  private boolean force;

  @Option(names = "--rerun-interrupted", description = "Run the change that was interrupted again.")
  private boolean rerunInterrupted;

  @Option(names = "--mark-done", paramLabel = "STEP", description = "Declare the interrupted change done: it is not run again.")
  private String markDone;

  @Option(names = "--wait", description = "When a command of the run outlived its engine, wait for it to end instead of refusing.")
  private boolean waitForProcesses;

  @Mixin private RunInputOptions inputs;

  @Mixin private StateDirOption stateDir;

  @Mixin private OutputOptions output;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    RunSession session = new RunSession(cli);
    if ((runId == null) == !last) {
      throw new UsageException(List.of(last ? "give RUN_ID or --last, not both" : "name the run to resume: RUN_ID or --last (`runbook runs` lists them)"));
    }
    if (rerunInterrupted && markDone != null) {
      throw new UsageException(List.of("--rerun-interrupted and --mark-done contradict each other; give one"));
    }
    Console console = output.console(session);
    if (rehearsals && !last) {
      throw new UsageException(List.of("--include-rehearsals goes with --last; a RUN_ID names its run"));
    }
    Resumer.Request request = new Resumer.Request(runId, last, rehearsals, force, rerunInterrupted, markDone,
        inputs.params(cli), inputs.yes, inputs.approve, stateDir.resolve(session), cli.env(), session.user(), session.hostName(), waitForProcesses);
    TerminalDecider decider = new TerminalDecider(session.interactive(inputs.nonInteractive), session.terminalIn(), cli.out());
    try (Resumer.Prepared p = new Resumer(RunReadiness::load, Clock.systemUTC()).prepare(request, decider, cli.err()::println)) {
      inputs.warnSecretsOnCommandLine(p.playbook(), cli.err());
      Scenario scenario = p.scenario() == null ? null : ScenarioReader.read(p.scenario());
      return session.execute(p.playbook(), p.options(), p.continuation(), console, inputs.nonInteractive, scenario, p.scenarioFlags());
    }
  }

  /** A refused resume's exit code (the spec's table). */
  static int exitCode(ResumeException.Reason reason) {
    switch (reason) {
      case NOT_FOUND: return ExitCodes.NO_INPUT;
      case PLAYBOOK_CHANGED:
      case DAMAGED_JOURNAL: return ExitCodes.INVALID;
      case NOT_RESUMABLE: return ExitCodes.USAGE;
      default: return ExitCodes.ABORTED;
    }
  }
}
