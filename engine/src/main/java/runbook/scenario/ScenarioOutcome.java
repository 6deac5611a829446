package runbook.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * The verdict on one scenario.
 *
 * @param name the scenario's name (its file name without {@code .scenario.yaml})
 * @param problems why it failed; empty when it passed
 * @param runDir the simulated run's directory, kept when the scenario failed; null otherwise
 */
public record ScenarioOutcome(String name, List<String> problems, Path runDir) {
  public ScenarioOutcome {
    problems = List.copyOf(problems);
  }

  public boolean passed() {
    return problems.isEmpty();
  }

  /** {@code PASS name} or {@code FAIL name: reason; reason}. */
  public String line() {
    return passed() ? "PASS " + name : "FAIL " + name + ": " + String.join("; ", problems);
  }
}
