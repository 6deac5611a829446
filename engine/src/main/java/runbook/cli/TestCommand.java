package runbook.cli;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.scenario.ScenarioFiles;
import runbook.scenario.ScenarioOutcome;
import runbook.scenario.ScenarioTester;

/** {@code runbook test PATH...}: run rehearsal scenarios, one line each, then {@code N passed, N failed}. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Run rehearsal scenarios (*.scenario.yaml, or YAML starting with `scenario: 1`) against their playbooks; nothing runs on this host.")
final class TestCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files, directories searched recursively, or names of installed playbooks (their scenarios).")
  private List<Path> paths;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      try {
        List<Path> named = PlaybookNames.scenariosOf(p, cli.env());
        files.addAll(named != null ? named : ScenarioFiles.find(List.of(p)));
      } catch (NoSuchFileException e) {
        throw new NoInputException("no such file or directory: " + e.getFile() + PlaybookNames.notFoundHint(p, cli.env()));
      }
    }
    if (files.isEmpty()) {
      throw new NoInputException("no scenario found in " + paths
          + " (a scenario is named *.scenario.yaml or starts with `scenario: 1`)");
    }
    ScenarioTester tester = new ScenarioTester(Clock.systemUTC());
    int passed = 0;
    for (Path f : files) {
      ScenarioOutcome outcome = tester.test(f);
      cli.out().println(outcome.line());
      if (outcome.passed()) {
        passed++;
      } else if (outcome.runDir() != null) {
        cli.err().println("  the simulated run is kept in " + outcome.runDir());
      }
      cli.out().flush();
    }
    int failed = files.size() - passed;
    cli.out().println(passed + " passed, " + failed + " failed");
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
