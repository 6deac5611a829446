package runbook.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.exec.Console;
import runbook.exec.Interruption;
import runbook.exec.RunOptions;
import runbook.exec.RunResult;
import runbook.exec.Runner;
import runbook.exec.UsageException;
import runbook.exec.Verbosity;
import runbook.expr.ExprEngine;
import runbook.model.Playbook;
import runbook.variant.PlaybookLoader;

/**
 * Runs scenarios the way {@code runbook test} does: each in-process against its {@link ScenarioHost},
 * non-interactive, with the scenario's params and approvals (every other confirm declined), in a
 * state directory of its own; then checks the scenario's {@code expect}.
 */
public final class ScenarioTester {
  /** Commands in a rehearsal see only this environment; the tester's own never reaches a journal. */
  static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

  private final ExprEngine expr = new ExprEngine();
  private final Clock clock;

  public ScenarioTester(Clock clock) {
    this.clock = clock;
  }

  /** Runs the scenario in {@code file}; a scenario or playbook that cannot be read fails, naming why. */
  public ScenarioOutcome test(Path file) throws IOException {
    Scenario scenario;
    try {
      scenario = ScenarioReader.read(file);
    } catch (InvalidInputException e) {
      return new ScenarioOutcome(nameOf(file), describe(e), null);
    }
    return test(scenario);
  }

  public ScenarioOutcome test(Scenario scenario) throws IOException {
    Playbook playbook;
    try {
      playbook = PlaybookLoader.load(scenario.playbook());
    } catch (InvalidInputException e) {
      return new ScenarioOutcome(scenario.name(), describe(e), null);
    }
    Path stateDir = Files.createTempDirectory("runbook-scenario-");
    ScenarioHost host = new ScenarioHost(scenario.rules());
    RunOptions options = new RunOptions(scenario.params(), false, false, false, Set.copyOf(scenario.approve()), null,
        stateDir, ENVIRONMENT, "scenario", "scenario", true);
    StringWriter sink = new StringWriter();
    Console console = new Console(new PrintWriter(sink), new PrintWriter(sink), false, false, Verbosity.QUIET, 100);
    RunResult result;
    try {
      result = new Runner(host, expr, console, new ScenarioPrompter(), new Interruption(), clock).run(playbook, options);
    } catch (UsageException e) {
      delete(stateDir);
      return new ScenarioOutcome(scenario.name(), e.problems(), null);
    }
    List<String> problems = ExpectationCheck.check(scenario.expect(), result.outcome(), result.message(), result.steps(),
        host.commands());
    if (problems.isEmpty()) {
      delete(stateDir);
      return new ScenarioOutcome(scenario.name(), problems, null);
    }
    return new ScenarioOutcome(scenario.name(), problems, result.runDir());
  }

  private static List<String> describe(InvalidInputException e) {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : e.diagnostics()) {
      out.add(d.span() + ": " + d.message() + (d.hint() == null ? "" : " (" + d.hint() + ")"));
    }
    return out.isEmpty() ? List.of(e.getMessage()) : out;
  }

  private static String nameOf(Path file) {
    String n = file.getFileName().toString();
    return n.replaceFirst("(\\.scenario)?\\.ya?ml$", "");
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
