package runbook.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.state.RunStopper;

/** {@code runbook stop RUN_ID}: interrupt a run as SIGTERM does. */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Interrupt a running run as SIGTERM does (or stop the commands a killed engine left running).")
final class StopCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run (`runbook runs` lists them).")
  private String runId;

  @Mixin private StateDirOption stateDir;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    RunStopper.Result r = RunStopper.stop(stateDir.resolve(new RunSession(cli)), runId, cli.err()::println);
    return r == RunStopper.Result.NOT_RUNNING ? ExitCodes.USAGE : ExitCodes.OK;
  }
}
