package runbook.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.exec.UsageException;
import runbook.state.RunCatalog;
import runbook.state.RunReport;

/** {@code runbook show RUN_ID | --last}: a run's report; for a run still going or stopped, its journal so far. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a run's report (live for a run still going).")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID", description = "The run (`runbook runs` lists them).")
  private String runId;

  @Option(names = "--json", description = "The run as one JSON object, for programs.")
  private boolean json;

  @Option(names = "--last", description = "The most recent run in the state directory (a rehearsal or a dry run too).")
  private boolean last;

  @Mixin private StateDirOption stateDir;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    if ((runId == null) == !last) {
      throw new UsageException(List.of(last ? "give RUN_ID or --last, not both" : "name the run to show: RUN_ID or --last (`runbook runs` lists them)"));
    }
    Path dir = stateDir.resolve(new RunSession(cli));
    String id = runId;
    if (last) {
      List<String> ids = RunCatalog.ids(dir);
      if (ids.isEmpty()) {
        throw new NoInputException("no runs in " + dir + " (--state-dir, RUNBOOK_STATE_DIR)");
      }
      id = ids.get(ids.size() - 1);
    }
    if (json) {
      cli.out().println(runbook.json.Json.write(RunReport.record(dir, id, cli.err()::println)));
      return ExitCodes.OK;
    }
    cli.out().print(RunReport.show(dir, id, cli.err()::println));
    return ExitCodes.OK;
  }
}
