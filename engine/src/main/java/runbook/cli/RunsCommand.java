package runbook.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import runbook.state.RunCatalog;

/** {@code runbook runs}: the runs in the state directory, oldest first. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs in the state directory, oldest first.")
final class RunsCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @picocli.CommandLine.Option(names = "--json", description = "One JSON array of the runs, for programs.")
  private boolean json;

  @Mixin private StateDirOption stateDir;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    Path dir = stateDir.resolve(new RunSession(cli));
    List<RunCatalog.Entry> runs = RunCatalog.list(dir);
    if (json) {
      List<Object> out = new java.util.ArrayList<>();
      for (RunCatalog.Entry r : runs) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("run", r.id());
        m.put("playbook", r.playbook());
        m.put("started", r.started());
        m.put("outcome", r.outcome());
        m.put("simulated", r.simulated());
        out.add(m);
      }
      cli.out().println(runbook.json.Json.write(out));
      return ExitCodes.OK;
    }
    if (runs.isEmpty()) {
      cli.err().println("no runs in " + dir);
      return ExitCodes.OK;
    }
    int idWidth = runs.stream().mapToInt(r -> r.id().length()).max().orElse(0);
    int nameWidth = Math.max("PLAYBOOK".length(), runs.stream().mapToInt(r -> r.playbook().length()).max().orElse(0));
    String format = "%-" + idWidth + "s  %-" + nameWidth + "s  %-20s  %-11s  %s%n";
    cli.out().printf(format, "RUN", "PLAYBOOK", "STARTED", "OUTCOME", "SIMULATED");
    for (RunCatalog.Entry r : runs) {
      cli.out().printf(format, r.id(), r.playbook(), r.started(), r.outcome(), r.simulated() ? "yes" : "no");
    }
    return ExitCodes.OK;
  }
}
