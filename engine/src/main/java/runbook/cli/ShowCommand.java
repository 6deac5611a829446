package runbook.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.state.RunReport;

/** {@code runbook show RUN_ID}: a run's report; for a run still going or stopped, its journal so far. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a run's report (live for a run still going).")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run (`runbook runs` lists them).")
  private String runId;

  @picocli.CommandLine.Option(names = "--json", description = "The run as one JSON object, for programs.")
  private boolean json;

  @Mixin private StateDirOption stateDir;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    if (json) {
      cli.out().println(runbook.json.Json.write(RunReport.record(stateDir.resolve(new RunSession(cli)), runId, cli.err()::println)));
      return ExitCodes.OK;
    }
    cli.out().print(RunReport.show(stateDir.resolve(new RunSession(cli)), runId, cli.err()::println));
    return ExitCodes.OK;
  }
}
