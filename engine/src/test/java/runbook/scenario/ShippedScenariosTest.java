package runbook.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every scenario shipped under {@code playbooks/} and {@code examples/} passes, so {@code mvn verify} rehearses them all. */
class ShippedScenariosTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TestFactory
  Stream<DynamicTest> everyShippedScenarioPasses() throws IOException {
    ScenarioTester tester = new ScenarioTester(Clock.systemUTC());
    return shipped().stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(), () -> {
      ScenarioOutcome outcome = tester.test(file);
      assertTrue(outcome.passed(), outcome.line() + (outcome.runDir() == null ? "" : " (run directory " + outcome.runDir() + ")"));
    }));
  }

  @Test
  void theRepairPlaybookShipsAtLeastTwelveScenarios() throws IOException {
    List<Path> repair = ScenarioFiles.find(List.of(ROOT.resolve("playbooks/scenarios")));
    assertTrue(repair.size() >= 12, "found " + repair.size() + " scenarios");
    assertFalse(repair.stream().noneMatch(p -> p.getFileName().toString().equals("account-pve-99.6.scenario.yaml")));
  }

  private static List<Path> shipped() throws IOException {
    List<Path> dirs = new ArrayList<>();
    for (String d : List.of("playbooks", "examples")) {
      if (Files.isDirectory(ROOT.resolve(d))) {
        dirs.add(ROOT.resolve(d));
      }
    }
    return ScenarioFiles.find(dirs);
  }
}
