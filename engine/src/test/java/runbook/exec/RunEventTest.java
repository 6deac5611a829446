package runbook.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import runbook.json.Json;

/**
 * The lines of {@code events.jsonl} read back as the events that wrote them: {@code attach} draws
 * the same last screen and the same answers from the file as the run's own terminal did.
 */
class RunEventTest {
  @SuppressWarnings("unchecked")
  private static RunEvent roundTrip(RunEvent e) throws Exception {
    return RunEvent.fromMap((Map<String, Object>) Json.parse(Json.write(e.toMap())));
  }

  private static String screen(RunEvent e) {
    StringWriter out = new StringWriter();
    ConsoleDisplay d = new ConsoleDisplay(new Console(new PrintWriter(out), new PrintWriter(out), false, false, Verbosity.NORMAL, 80));
    d.on(e);
    d.close();
    return out.toString();
  }

  @Test
  void theFailureScreenComesBackWholeFromItsLine() throws Exception {
    // what the screen shows of a step: no command, no exit code; the message of the one that stopped
    StepRecord at = new StepRecord("swap", "Swap the metadata", 1, StepStatus.FAILED, 1200, null, null, "lvconvert exited with 5", 1);
    Ending ending = new Ending(RunResult.Outcome.FAILED, "run failed",
        List.of(new StepRecord("repair", "Repair", 0, StepStatus.FAILED, 1300, null, null, null, 1),
            new StepRecord("swap", "Swap the metadata", 1, StepStatus.FAILED, 1200, null, null, null, 1)),
        Path.of("/state/runs/r/report.md"), List.of(), at, Set.of("repair"), "Check the VG.", "The pool is offline.",
        "runbook resume r --state-dir /state");
    RunEvent back = roundTrip(RunEvent.RunFinished.of(ending, "step `swap` failed"));
    assertEquals(ending, ((RunEvent.RunFinished) back).ending());
    assertEquals(screen(RunEvent.RunFinished.of(ending, "step `swap` failed")), screen(back));
  }

  @Test
  void anAnswerNamesWhoGaveItAndAnAnswerGivenInAdvanceIsNotRepeated() throws Exception {
    RunEvent.Answered asked = new RunEvent.Answered("go", true, "terminal", "root", "/dev/pts/3", "2026-12-03T12:00:00Z", 0, true);
    assertEquals(asked, roundTrip(asked));
    assertEquals("   approved by root on /dev/pts/3 at 2026-12-03T12:00:00Z\n", screen(asked));
    RunEvent.Answered attach = new RunEvent.Answered("go", false, "attach (user root, pid 7, terminal none)", "root", "none", null, 1, true);
    assertEquals("declined by attach (user root, pid 7, terminal none)", attach.line());
    assertEquals("", screen(new RunEvent.Answered("go", true, "--yes", "root", "none", null, 0, false)));
  }

  @Test
  void aLineOfAnEarlierEngineStillReads() {
    // written before the answers carried who and where: an attach's answer was the only one shown
    RunEvent old = RunEvent.fromMap(Map.of("event", "answered", "step", "go", "approved", true, "by", "attach (pid 9)"));
    assertEquals(new RunEvent.Answered("go", true, "attach (pid 9)", null, null, null, 0, true), old);
    RunEvent.RunFinished end = (RunEvent.RunFinished) RunEvent.fromMap(Map.of("event", "run-finished", "outcome", "succeeded",
        "line", "run succeeded", "steps", List.of()));
    assertEquals(RunResult.Outcome.SUCCEEDED, end.ending().outcome());
    assertNull(end.ending().stoppedAt());
  }
}
