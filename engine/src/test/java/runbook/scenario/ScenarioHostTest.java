package runbook.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.model.SourceSpan;
import runbook.process.CommandOutcome;
import runbook.process.CommandRequest;
import runbook.process.OutputListener;

class ScenarioHostTest {
  private static final SourceSpan AT = new SourceSpan("s.scenario.yaml", 1, 1);

  @TempDir Path dir;

  private static CommandRule rule(String glob, List<String> when, List<String> sets, List<String> clears, String out, int exit) {
    return new CommandRule(CommandPattern.glob(glob, AT), when, sets, clears, out, "", exit, AT);
  }

  private CommandRequest request(String... argv) {
    return CommandRequest.of(List.of(argv), Map.of(), dir.resolve("out"), dir.resolve("err"));
  }

  @Test
  void firstRuleWhoseFlagsAreSetAnswers() throws Exception {
    ScenarioHost host = new ScenarioHost(List.of(
        rule("lvs *", List.of("swapped"), List.of(), List.of(), "after\n", 0),
        rule("lvs *", List.of(), List.of(), List.of(), "before\n", 0),
        rule("lvconvert *", List.of(), List.of("swapped"), List.of(), "", 0)));
    assertEquals("before\n", host.run(request("lvs", "-a"), OutputListener.NONE).stdout().text());
    host.run(request("lvconvert", "--thinpool", "vg/pool"), OutputListener.NONE);
    assertEquals("after\n", host.run(request("lvs", "-a"), OutputListener.NONE).stdout().text());
  }

  @Test
  void clearsRemovesAFlag() throws Exception {
    ScenarioHost host = new ScenarioHost(List.of(
        rule("on", List.of(), List.of("a"), List.of(), "", 0),
        rule("off", List.of(), List.of(), List.of("a"), "", 0),
        rule("probe", List.of("a"), List.of(), List.of(), "set\n", 0),
        rule("probe", List.of(), List.of(), List.of(), "unset\n", 0)));
    host.run(request("on"), OutputListener.NONE);
    assertEquals("set\n", host.run(request("probe"), OutputListener.NONE).stdout().text());
    host.run(request("off"), OutputListener.NONE);
    assertEquals("unset\n", host.run(request("probe"), OutputListener.NONE).stdout().text());
  }

  @Test
  void aRuleNeedsEveryFlagItNames() throws Exception {
    ScenarioHost host = new ScenarioHost(List.of(
        rule("a", List.of(), List.of("x"), List.of(), "", 0),
        rule("probe", List.of("x", "y"), List.of(), List.of(), "both\n", 0),
        rule("probe", List.of(), List.of(), List.of(), "not both\n", 0)));
    host.run(request("a"), OutputListener.NONE);
    assertEquals("not both\n", host.run(request("probe"), OutputListener.NONE).stdout().text());
  }

  @Test
  void aCommandNoRuleAnswersFailsNamingTheCommand() {
    ScenarioHost host = new ScenarioHost(List.of(rule("lvs *", List.of(), List.of(), List.of(), "", 0)));
    IOException e = assertThrows(IOException.class, () -> host.run(request("lvconvert", "--repair", "pve/data"), OutputListener.NONE));
    assertEquals("the scenario has no answer for: lvconvert --repair pve/data", e.getMessage());
    assertEquals(List.of("lvconvert --repair pve/data"), host.commands());
  }

  @Test
  void exitCodeAndBothStreamsAreAnsweredAndLogged() throws Exception {
    ScenarioHost host = new ScenarioHost(List.of(
        new CommandRule(CommandPattern.glob("thin_check *", AT), List.of(), List.of(), List.of(), "TRANSACTION_ID=7\n",
            "bad checksum in superblock\n", 64, AT)));
    List<String> shown = new ArrayList<>();
    CommandOutcome o = host.run(request("thin_check", "/dev/x"), (stderr, line) -> shown.add((stderr ? "err " : "out ") + line));
    assertEquals(64, o.exitCode());
    assertEquals("bad checksum in superblock\n", o.stderr().text());
    assertEquals("TRANSACTION_ID=7\n", Files.readString(dir.resolve("out")));
    assertEquals("bad checksum in superblock\n", Files.readString(dir.resolve("err")));
    assertEquals(List.of("out TRANSACTION_ID=7", "err bad checksum in superblock"), shown);
  }

  @Test
  void aShellStepIsMatchedAgainstItsScript() throws Exception {
    ScenarioHost host = new ScenarioHost(List.of(rule("*lsof*", List.of(), List.of(), List.of(), "held\n", 0)));
    CommandOutcome o = host.run(request("bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c", "lvs | while read l; do lsof $l; done"),
        OutputListener.NONE);
    assertEquals("held\n", o.stdout().text());
    assertEquals(List.of("lvs | while read l; do lsof $l; done"), host.commands());
  }

  @Test
  void anOutputFileIsNeverWrittenOutsideTheRunDirectory() throws Exception {
    ScenarioHost host = new ScenarioHost(List.of(rule("thin_dump *", List.of(), List.of(), List.of(), "<superblock/>\n", 0)));
    Path target = dir.resolve("elsewhere/dump.xml");
    CommandOutcome o = host.run(request("thin_dump", "/dev/x").withOutputFile(target), OutputListener.NONE);
    assertFalse(Files.exists(target));
    assertFalse(Files.exists(target.resolveSibling("dump.xml.partial")));
    assertNull(o.partialFile());
    assertEquals("<superblock/>\n", Files.readString(dir.resolve("out")));
  }

  @Test
  void aProgramIsPresentWhenSomeRuleCouldAnswerIt() {
    ScenarioHost host = new ScenarioHost(List.of(rule("lvs -a *", List.of(), List.of(), List.of(), "", 0),
        rule("thin_check -V", List.of(), List.of(), List.of(), "", 0)));
    assertTrue(host.hasProgram("lvs"));
    assertTrue(host.hasProgram("thin_check"));
    assertFalse(host.hasProgram("thin_restore"));
  }
}
