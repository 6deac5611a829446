package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runbook test}, {@code runbook doc} and {@code runbook run --simulate} as a black box. */
class TestDocSimulateCommandsTest {
  private static final Path SCENARIOS = Path.of("src/test/resources/scenario");
  private static final Path REPAIR = Path.of("../playbooks/thin-pool-metadata-repair.yaml");

  @TempDir Path tmp;

  private record Result(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private Result runbook(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
        Map.of("PATH", System.getenv("PATH"), "HOME", tmp.toString(), "USER", "tester"));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void testPrintsOneLinePerScenarioAndTheCountsAndFailsWhenOneFails() {
    Result r = runbook("test", SCENARIOS.toString());
    assertEquals(ExitCodes.FAILED, r.code(), r.out() + r.err());
    assertEquals(List.of("PASS clean", "PASS declined", "FAIL invalid: ", "PASS no-answer", "FAIL wrong-expectation: ",
        "3 passed, 2 failed"), r.lines().stream().map(l -> l.startsWith("FAIL") ? l.substring(0, l.indexOf(':') + 2) : l).toList());
  }

  @Test
  void testExitsZeroWhenEveryScenarioPasses() {
    Result r = runbook("test", SCENARIOS.resolve("clean.scenario.yaml").toString(), SCENARIOS.resolve("declined.scenario.yaml").toString());
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertEquals("2 passed, 0 failed", r.lines().get(r.lines().size() - 1));
  }

  @Test
  void testOfAPathThatDoesNotExistExits66() {
    Result r = runbook("test", "no/such/dir");
    assertEquals(ExitCodes.NO_INPUT, r.code());
    assertTrue(r.err().contains("no/such/dir"), r.err());
  }

  @Test
  void docPrintsMarkdownForTheRepairPlaybook() {
    Result r = runbook("doc", REPAIR.toString());
    assertEquals(ExitCodes.OK, r.code(), r.err());
    assertTrue(r.out().startsWith("# Repair LVM thin-pool metadata that is full or damaged\n"));
    assertTrue(r.out().contains("```mermaid"));
  }

  @Test
  void aSimulatedRunTouchesNothingOnThisHostAndIsJournaledAsSimulated() throws Exception {
    Path marker = tmp.resolve("marker");
    Files.writeString(tmp.resolve("touch.yaml"), String.join("\n",
        "runbook: 1", "name: touch", "title: Touch a file", "requires: [touch]", "steps:",
        "  - id: touch_it", "    title: Touch it", "    run: touch " + marker, ""));
    Files.writeString(tmp.resolve("touch.scenario.yaml"), String.join("\n",
        "scenario: 1", "title: Touch answered", "playbook: touch.yaml", "commands:", "  - match: 'touch *'", ""));
    Result r = runbook("run", tmp.resolve("touch.yaml").toString(), "--simulate", tmp.resolve("touch.scenario.yaml").toString(),
        "--state-dir", tmp.resolve("state").toString());
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertFalse(Files.exists(marker), "a simulated run must not run the command");
    Path runs = tmp.resolve("state/runs");
    try (var dirs = Files.list(runs)) {
      Path run = dirs.findFirst().orElseThrow();
      String started = Files.readAllLines(run.resolve("journal.jsonl")).get(0);
      assertTrue(started.contains("\"simulated\":true"), started);
    }
  }

  @Test
  void theReadmeRehearsalOfTheAccountsHostSucceeds() {
    Result r = runbook("run", REPAIR.toString(), "--simulate", "../playbooks/scenarios/account-pve-99.6.scenario.yaml", "--yes",
        "--state-dir", tmp.resolve("state").toString());
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("swap_metadata"), r.out());
  }

  @Test
  void aScenarioThatDoesNotExistExits66() {
    Result r = runbook("run", REPAIR.toString(), "--simulate", "nope.scenario.yaml", "--state-dir", tmp.resolve("state").toString());
    assertEquals(ExitCodes.NO_INPUT, r.code(), r.out() + r.err());
  }
}
