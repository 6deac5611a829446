package runbook.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.exec.Console;
import runbook.lint.RunReadiness;
import runbook.state.RunPreparer;
import runbook.state.RunRequest;
import runbook.state.TerminalDecider;

/**
 * {@code runbook resume [RUN_ID | --last]}: continue an interrupted, aborted or failed run from its
 * journal. Its options become a {@link RunRequest.Resume} that {@link RunPreparer} prepares; what
 * fails is mapped to an exit code by {@link Main}.
 */
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

  @Mixin private RunSharedOptions shared;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    RunSession session = new RunSession(cli);
    RunRequest.Resume request = new RunRequest.Resume(shared.common(cli, session, false), runId, last, rehearsals, force,
        rerunInterrupted, markDone, waitForProcesses);
    Console console = shared.console(session);
    TerminalDecider decider = new TerminalDecider(session.interactive(shared.nonInteractive()), session.terminalIn(), cli.out());
    try (RunPreparer.Prepared run = new RunPreparer(RunReadiness::load, Clock.systemUTC()).prepare(request, decider, cli.err()::println)) {
      return session.execute(run, console, shared.nonInteractive(), false);
    }
  }
}
