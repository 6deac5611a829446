package runbook.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private Console console(boolean terminal, boolean color, Verbosity v) {
    return new Console(new PrintWriter(out), new PrintWriter(err), terminal, color, v, 80);
  }

  @Test
  void terminalWithColourPaintsStatuses() {
    Console c = console(true, true, Verbosity.NORMAL);
    c.stepFinished("a", "Step a", 0, StepStatus.OK, 1200, null);
    assertTrue(out.toString().contains("\033[32mok\033[0m"), out.toString());
  }

  @Test
  void noColourMeansNoColourCodesEvenOnATerminal() {
    Console c = console(true, false, Verbosity.NORMAL);
    c.stepStarted("a", "Step a", 0, true);
    c.outputLine(false, "working");
    c.stepFinished("a", "Step a", 0, StepStatus.FAILED, 1200, "boom");
    c.close();
    assertFalse((out.toString() + err).matches("(?s).*\033\\[[0-9;]*m.*"), out.toString());
  }

  @Test
  void notATerminalGivesPlainLinesWithoutEscapes() {
    Console c = console(false, true, Verbosity.NORMAL);
    c.stepStarted("a", "Step a", 0, true);
    c.outputLine(false, "working");
    c.stepFinished("a", "Step a", 0, StepStatus.OK, 1200, null);
    assertEquals("-- a: Step a\nok        a  (1.2s)\n", out.toString());
  }

  @Test
  void liveBlockShowsOnlyTheLastFewOutputLines() {
    Console c = console(true, false, Verbosity.NORMAL);
    c.stepStarted("a", "Step a", 0, true);
    for (int i = 1; i <= 10; i++) {
      c.outputLine(false, "line " + i);
    }
    String shownLast = out.toString().substring(out.toString().lastIndexOf("Step a"));
    assertTrue(shownLast.contains("line 10") && shownLast.contains("line 7") && !shownLast.contains("line 6"), shownLast);
    c.close();
  }

  @Test
  void everythingPrintedIsMasked() {
    Console c = console(false, false, Verbosity.VERBOSE);
    c.useMasker(new Masker(List.of("hunter2")));
    c.command("login --password hunter2");
    c.outputLine(true, "bad password hunter2");
    c.stepFinished("a", "Step a", 0, StepStatus.FAILED, 1, "hunter2 rejected");
    assertFalse((out.toString() + err).contains("hunter2"), out.toString() + err);
  }

  @Test
  void fullTableListsEveryStepWithStatusAndDuration() {
    Console c = new Console(new PrintWriter(out), new PrintWriter(err), false, false, Verbosity.NORMAL, 80, true);
    c.ending(ending(RunResult.Outcome.SUCCEEDED, List.of(new StepRecord("dump", "Dump", 0, StepStatus.OK, 61_000, null, 0, null, 1),
        new StepRecord("swap", "Swap", 1, StepStatus.SKIPPED, 0, null, null, null, 0)), null));
    assertTrue(out.toString().contains("dump    ok          1m01s"), out.toString());
    assertTrue(out.toString().contains("  swap  skipped     0.0s"), out.toString());
  }

  @Test
  void compactTableFoldsGroupsAndCountsSkippedSteps() {
    Console c = console(false, false, Verbosity.NORMAL);
    c.ending(ending(RunResult.Outcome.SUCCEEDED, List.of(
        new StepRecord("checks", "Checks", 0, StepStatus.OK, 1000, null, null, null, 1),
        new StepRecord("a", "A", 1, StepStatus.OK, 500, null, 0, null, 1),
        new StepRecord("b", "B", 1, StepStatus.SKIPPED, 0, null, null, "not needed", 0),
        new StepRecord("healthy", "Healthy", 0, StepStatus.SKIPPED, 0, null, null, "not needed", 0),
        new StepRecord("repair", "Repair", 0, StepStatus.OK, 2000, null, 0, null, 1)), null));
    String shown = out.toString();
    assertTrue(shown.contains("checks  ok          1.0s     (2 steps, 1 skipped)"), shown);
    assertFalse(shown.contains("  a "), shown);
    assertTrue(shown.contains("1 skipped: healthy"), shown);
    assertTrue(shown.strip().endsWith("run succeeded"), shown);
  }

  @Test
  void theFailureScreenNamesTheStepTheStateAndTheResumeCommandLast() {
    Console c = console(false, false, Verbosity.NORMAL);
    StepRecord failed = new StepRecord("dump", "Dump the metadata", 1, StepStatus.FAILED, 10, "thin_dump", 1, "thin_dump exited with 1", 1);
    c.ending(new Ending(RunResult.Outcome.FAILED, "run failed", List.of(
        new StepRecord("offline", "Offline", 0, StepStatus.FAILED, 10, null, null, "step `dump` failed", 1), failed),
        null, List.of(), failed, java.util.Set.of("offline"), "Do not restore a partial dump.",
        "The pool is offline; backups in /root/x.", "runbook resume 1 --state-dir /tmp/s"));
    String shown = err.toString();
    assertTrue(shown.contains("at step `dump`: Dump the metadata\n    thin_dump exited with 1"), shown);
    assertTrue(shown.contains("What to do:\n  Do not restore a partial dump."), shown);
    assertTrue(shown.contains("Where the host stands now:\n  The pool is offline; backups in /root/x."), shown);
    assertTrue(shown.strip().endsWith("runbook resume 1 --state-dir /tmp/s"), shown);
    assertTrue(out.toString().contains("  dump"), "the group where the run stopped is unfolded: " + out);
  }

  @Test
  void wrapJoinsAParagraphAndKeepsListItemsApart() {
    List<String> lines = Console.wrap("The pool is offline and the backups\nare kept.\n1. Start the guests and check\n   their filesystems.\nNext:\n  indented apart", 30);
    assertEquals(List.of("The pool is offline and the", "backups are kept.", "1. Start the guests and check", "   their filesystems.", "Next:", "  indented apart"), lines);
  }

  @Test
  void aResizedTerminalGetsItsLiveBlockClippedToTheNewWidth() {
    Console c = console(true, false, Verbosity.NORMAL);
    c.stepStarted("a", "Step a", 0, true);
    c.resized(30);
    c.outputLine(false, "x".repeat(100));
    String last = out.toString().substring(out.toString().lastIndexOf("Step a"));
    for (String l : last.split("\n")) {
      assertTrue(l.replaceAll("\033\\[[0-9;]*[A-Za-z]", "").length() < 30, "a line wider than the terminal: " + l);
    }
    c.close();
  }

  private static Ending ending(RunResult.Outcome outcome, List<StepRecord> steps, StepRecord at) {
    return new Ending(outcome, "run " + outcome.key(), steps, null, List.of(), at, java.util.Set.of(), null, null, null);
  }
}
