package runbook.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.state.RunReport;

/** {@code runbook show RUN_ID}: a run's report; for a run still going or stopped, its journal so far. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a run's report (live for a run still going).")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run (`runbook runs` lists them).")
  private String runId;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Where runs are kept (default: $RUNBOOK_STATE_DIR, /var/lib/runbook for root, else $XDG_STATE_HOME/runbook).")
  private Path stateDir;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    cli.out().print(RunReport.show(new RunSession(cli).stateDir(stateDir), runId, cli.err()::println));
    return ExitCodes.OK;
  }
}
