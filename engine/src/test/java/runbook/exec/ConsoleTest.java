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
  void summaryListsEveryStepWithStatusAndDuration() {
    Console c = console(false, false, Verbosity.NORMAL);
    c.summary(List.of(new StepRecord("dump", "Dump", 0, StepStatus.OK, 61_000, null, 0, null, 1),
        new StepRecord("swap", "Swap", 1, StepStatus.SKIPPED, 0, null, null, null, 0)), "run succeeded", null);
    assertTrue(out.toString().contains("dump    ok          1m01s"), out.toString());
    assertTrue(out.toString().contains("  swap  skipped     0.0s"), out.toString());
  }
}
