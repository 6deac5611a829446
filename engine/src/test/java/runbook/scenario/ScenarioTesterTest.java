package runbook.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ScenarioTesterTest {
  private static final Path DIR = Path.of("src/test/resources/scenario");
  private final ScenarioTester tester = new ScenarioTester(Clock.systemUTC());

  @Test
  void aScenarioWhoseExpectationsHoldPasses() throws Exception {
    ScenarioOutcome o = tester.test(DIR.resolve("clean.scenario.yaml"));
    assertTrue(o.passed(), o.line());
    assertEquals("PASS clean", o.line());
    assertNull(o.runDir());
  }

  @Test
  void aFailingExpectationFailsTheScenarioSayingWhy() throws Exception {
    ScenarioOutcome o = tester.test(DIR.resolve("wrong-expectation.scenario.yaml"));
    assertFalse(o.passed());
    assertEquals("FAIL wrong-expectation: step `write` should have run, but it was skipped; no command matched `write-marker *`",
        o.line());
    assertNotNull(o.runDir());
    assertTrue(Files.isRegularFile(o.runDir().resolve("journal.jsonl")), "the failed run's directory is kept");
  }

  @Test
  void aConfirmTheScenarioDoesNotApproveIsDeclined() throws Exception {
    ScenarioOutcome o = tester.test(DIR.resolve("declined.scenario.yaml"));
    assertTrue(o.passed(), o.line());
  }

  @Test
  void aCommandNoRuleAnswersFailsTheStepNamingTheCommand() throws Exception {
    ScenarioOutcome o = tester.test(DIR.resolve("no-answer.scenario.yaml"));
    assertTrue(o.passed(), o.line());
  }

  @Test
  void theSimulatedRunIsJournaledAsSimulated() throws Exception {
    ScenarioOutcome o = tester.test(DIR.resolve("wrong-expectation.scenario.yaml"));
    String started = Files.readAllLines(o.runDir().resolve("journal.jsonl")).get(0);
    assertTrue(started.contains("\"simulated\":true"), started);
  }

  @Test
  void anInvalidScenarioFailsWithEveryProblemAndItsPosition() throws Exception {
    ScenarioOutcome o = tester.test(DIR.resolve("invalid.scenario.yaml"));
    assertFalse(o.passed());
    String line = o.line();
    assertTrue(line.startsWith("FAIL invalid: "), line);
    assertTrue(line.contains("invalid.scenario.yaml:4:1: unknown key `comands` in the scenario"), line);
    assertTrue(line.contains("invalid.scenario.yaml:6:13: `regex` does not compile"), line);
    assertTrue(line.contains("invalid.scenario.yaml:7:5:"), line);
    assertTrue(line.contains("invalid.scenario.yaml:9:11: `exit` must be between 0 and 255, found 300"), line);
    assertTrue(line.contains("invalid.scenario.yaml:11:12:"), line);
  }
}
