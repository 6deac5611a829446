package runbook.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.expr.ExprEngine;
import runbook.model.Playbook;
import runbook.parse.PlaybookParser;
import runbook.process.LocalHost;

/** Runs that ask the operator, answered through a fake terminal (typed lines on a reader). */
class InteractiveRunTest {
  @TempDir Path tmp;
  private final StringWriter shown = new StringWriter();
  private final Interruption interruption = new Interruption();

  private RunResult run(String playbook, String typed, RunOptions options) throws Exception {
    Playbook pb = PlaybookParser.parse(resource(playbook));
    PrintWriter out = new PrintWriter(shown, true);
    Prompter fakeTerminal = new TerminalPrompter(new BufferedReader(new StringReader(typed)), out, "/dev/pts/fake", interruption);
    Console console = new Console(out, out, false, false, Verbosity.NORMAL, 100);
    return new Runner(new LocalHost(), new ExprEngine(), console, fakeTerminal, interruption, Clock.systemUTC()).run(pb, options);
  }

  private RunOptions options() {
    return RunOptions.defaults(tmp.resolve("state"), Map.of("PATH", System.getenv("PATH")))
        .withParams(Map.of("dir", tmp.toString()));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(InteractiveRunTest.class.getResource("/exec/" + name).toURI());
  }

  @Test
  void typingTheExactTextApproves() throws Exception {
    RunResult r = run("confirm-typed.yaml", "pve/data\n", options());
    assertEquals(RunResult.Outcome.SUCCEEDED, r.outcome(), shown.toString());
    assertEquals("true", Files.readString(tmp.resolve("answer")).strip());
    assertTrue(shown.toString().contains("Swap the metadata of pve/data?"), shown.toString());
    String journal = Files.readString(r.runDir().resolve("journal.jsonl"));
    assertTrue(journal.contains("\"decision\":{\"approved\":true,"), journal);
    assertTrue(journal.contains("\"terminal\":\"/dev/pts/fake\""), journal);
  }

  @Test
  void typingAnythingElseDeclinesAndOnDeclineSkipGoesOn() throws Exception {
    RunResult r = run("confirm-typed.yaml", "pve\n", options());
    assertEquals(RunResult.Outcome.SUCCEEDED, r.outcome(), shown.toString());
    assertEquals("false", Files.readString(tmp.resolve("answer")).strip());
    assertEquals(StepStatus.DECLINED, r.steps().get(0).status());
    assertTrue(Files.readString(r.runDir().resolve("journal.jsonl")).contains("\"decision\":{\"approved\":false,"));
  }

  @Test
  void declinedConfirmAbortsBeforeTheNextStep() throws Exception {
    RunResult r = run("confirm.yaml", "no\n", options());
    assertEquals(RunResult.Outcome.ABORTED, r.outcome());
    assertEquals("confirm `approve_write` was declined", r.message());
    assertFalse(Files.exists(tmp.resolve("after")));
  }

  @Test
  void closedTerminalLeavesTheConfirmUnansweredAndAborts() throws Exception {
    RunResult r = run("confirm.yaml", "", options());
    assertEquals(RunResult.Outcome.ABORTED, r.outcome());
    assertFalse(Files.exists(tmp.resolve("after")));
  }

  @Test
  void stepModeRunsSkipsAndQuitsAsTold() throws Exception {
    RunResult r = run("from.yaml", "s\nr\nq\n", options().withStepMode(true));
    assertEquals(RunResult.Outcome.ABORTED, r.outcome());
    assertEquals("stopped by the operator before step `three`", r.message());
    assertFalse(Files.exists(tmp.resolve("one")));
    assertTrue(Files.exists(tmp.resolve("two")));
    assertFalse(Files.exists(tmp.resolve("three")));
    assertTrue(shown.toString().contains("next step `one`: Step one"), shown.toString());
  }

  @Test
  void stepModeWithoutATerminalIsAUsageError() throws Exception {
    Playbook pb = PlaybookParser.parse(resource("from.yaml"));
    PrintWriter out = new PrintWriter(shown, true);
    Runner runner = new Runner(new LocalHost(), new ExprEngine(), new Console(out, out, false, false, Verbosity.NORMAL, 100),
        Prompter.NONE, new Interruption(), Clock.systemUTC());
    UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class, () -> runner.run(pb, options().withStepMode(true)));
    assertTrue(e.getMessage().contains("--step asks before each step and needs a terminal"), e.getMessage());
  }

  @Test
  void interruptionWhileAQuestionWaitsEndsTheRunAsInterrupted() throws Exception {
    Playbook pb = PlaybookParser.parse(resource("confirm.yaml"));
    PrintWriter out = new PrintWriter(shown, true);
    java.io.PipedOutputStream keyboard = new java.io.PipedOutputStream();
    BufferedReader neverAnswers = new BufferedReader(new java.io.InputStreamReader(new java.io.PipedInputStream(keyboard)));
    Prompter fakeTerminal = new TerminalPrompter(neverAnswers, out, "/dev/pts/fake", interruption);
    Runner runner = new Runner(new LocalHost(), new ExprEngine(), new Console(out, out, false, false, Verbosity.NORMAL, 100),
        fakeTerminal, interruption, Clock.systemUTC());
    Thread operator = new Thread(() -> {
      while (!shown.toString().contains("approve?")) {
        Thread.onSpinWait();
      }
      interruption.request();
    });
    operator.start();
    RunResult r = runner.run(pb, options());
    operator.join();
    assertEquals(RunResult.Outcome.INTERRUPTED, r.outcome(), shown.toString());
    String journal = Files.readString(r.runDir().resolve("journal.jsonl"));
    assertTrue(journal.contains("\"type\":\"run-interrupted\""), journal);
    keyboard.close();
  }

  @Test
  void secretsInQuestionsAndStepTitlesAreMasked() throws Exception {
    RunResult r = run("secret-confirm.yaml", "r\nno\n",
        options().withParams(Map.of("token", "pa55-w0rd")).withStepMode(true));
    assertEquals(RunResult.Outcome.ABORTED, r.outcome());
    assertTrue(shown.toString().contains("Send the token ***?"), shown.toString());
    assertTrue(shown.toString().contains("Send *** to the service"), shown.toString());
    assertFalse(shown.toString().contains("pa55-w0rd"), shown.toString());
  }
}
