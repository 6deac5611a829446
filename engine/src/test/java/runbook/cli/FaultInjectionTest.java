package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.journal.JournalReader;

/**
 * Kills a real run with SIGKILL at every point its journal marks (after each record: a step
 * boundary, or a step's start, which lands in the middle of its command), with the engine's
 * commands killed too as a power cut would, then resumes it without a terminal until it completes.
 *
 * <p>The playbook ({@code state/crash.yaml}) has five changes that each append one line to a log,
 * as the very last thing their command does; read-only steps, an assert-output, a parse-table, a
 * confirm and a group whose steps read those results. After each kill the test notes which lines
 * are already in the log, and for an interrupted change which decision it gives:
 * {@code --rerun-interrupted} (even kill points) or {@code --mark-done} (odd ones). Then:
 * <ul>
 *   <li>every change that was not interrupted is in the log exactly once;
 *   <li>the interrupted change is in it once more than before the resume when re-run (so twice
 *       only if the kill came after its write), and as often as before when marked done (so not at
 *       all if the kill came before its write);
 *   <li>the journal is readable after the kill and after the resume, which ends {@code succeeded};
 *   <li>a confirm approved before the kill is not asked again: the resume gets no approval for it
 *       and would abort if it asked.
 * </ul>
 * The lines carry values read from restored results ({@code mode.match.mode},
 * {@code disks.rows[1].name}, {@code read_mode.exit}), so a wrong restore shows in the log.
 */
class FaultInjectionTest {
  private static final List<String> CHANGES = List.of("step1", "step2", "step3", "step4", "step5");
  private static final Map<String, String> LINES = Map.of(
      "step1", "step1 fast", "step2", "step2 sdb", "step3", "step3", "step4", "step4 0", "step5", "step5");

  @TempDir Path tmp;
  private final AtomicInteger midStep = new AtomicInteger();
  private final AtomicInteger reruns = new AtomicInteger();
  private final AtomicInteger markedDone = new AtomicInteger();
  private final AtomicInteger alreadyEnded = new AtomicInteger();
  private final AtomicInteger refusedWhileRunning = new AtomicInteger();

  /** What hits the run at a journal point. */
  enum Fault {
    /** SIGKILL to the engine and every process it started: a power cut. */
    POWER_CUT,
    /** SIGKILL to the engine alone (out of memory, kill -9): its command lives on. */
    ENGINE_KILLED,
    /** SIGTERM (runbook stop, a shutdown): the run stops its command and records the interruption. */
    TERMINATED,
    /** SIGHUP (the SSH session dropped): the run goes on without its terminal. */
    HANGUP
  }

  @Test
  void aRunKilledAtAnyPointIsResumedToCompletionWithEveryChangeAppliedOnceOrDecided() throws Exception {
    atEveryPoint(Fault.POWER_CUT);
  }

  @Test
  void anEngineKilledAloneAtAnyPointLeavesNoSecondCopyAndIsResumedWithEveryChangeOnce() throws Exception {
    atEveryPoint(Fault.ENGINE_KILLED);
  }

  @Test
  void aRunTerminatedAtAnyPointIsResumedToCompletionWithEveryChangeAppliedOnceOrDecided() throws Exception {
    atEveryPoint(Fault.TERMINATED);
  }

  @Test
  void aHangupAtAnyPointLeavesTheRunToFinishWithEveryChangeOnce() throws Exception {
    atEveryPoint(Fault.HANGUP);
  }

  private void atEveryPoint(Fault fault) throws Exception {
    int records = completeRunRecords();
    int tried = records - 1;
    // three points at a time: each run spends most of its time in its commands' sleeps
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<String>> results = new ArrayList<>();
    for (int n = 1; n < records; n++) {
      int point = n;
      results.add(pool.submit(() -> {
        try {
          faultAndResume(fault, point);
          return null;
        } catch (AssertionError e) {
          return fault + " after record " + point + ": " + e.getMessage();
        }
      }));
    }
    List<String> failures = new ArrayList<>();
    for (Future<String> f : results) {
      String failure = f.get();
      if (failure != null) {
        failures.add(failure);
      }
    }
    pool.shutdown();
    int recovered = tried - failures.size();
    System.out.println(fault + ": points tried: " + tried + ", recovered: " + recovered
        + " (in the middle of a step: " + midStep + ", of them interrupted changes re-run: " + reruns
        + ", marked done: " + markedDone + "; resumes refused while a command of the run still ran: " + refusedWhileRunning
        + "; the run had already ended: " + alreadyEnded + ")");
    assertEquals(List.of(), failures);
    assertEquals(tried, recovered);
  }

  /** How many records a run that is not killed journals. */
  private int completeRunRecords() throws IOException {
    CliHarness cli = new CliHarness(tmp.resolve("complete"));
    CliHarness.Result r = cli.run("run", playbook(), "--set", "log=" + cli.scratch.resolve("log"), "--set", "token=s3cret",
        "--approve", "approve_go", "--non-interactive");
    assertEquals(0, r.code(), r.all());
    assertEquals(List.of("step1 fast", "step2 sdb", "step3", "step4 0", "step5"), Files.readAllLines(cli.scratch.resolve("log")));
    return cli.journal().size();
  }

  private void faultAndResume(Fault fault, int n) throws Exception {
    Path root = Files.createDirectories(tmp.resolve(fault + "-" + n));
    CliHarness cli = new CliHarness(root);
    Path log = cli.scratch.resolve("log");
    Process engine = EngineProcess.start(cli, root, "run", playbook(), "--set", "log=" + log, "--set", "token=s3cret",
        "--approve", "approve_go", "--non-interactive");
    waitForRecords(cli, engine, n);
    Path journal = cli.runDir().resolve("journal.jsonl");
    switch (fault) {
      case POWER_CUT:
        EngineProcess.killTree(engine, cli.scratch.toString());
        break;
      case ENGINE_KILLED:
        engine.destroyForcibly();
        assertTrue(engine.waitFor(30, TimeUnit.SECONDS), "the engine did not die");
        break;
      case TERMINATED:
        EngineProcess.signal(engine, "TERM");
        assertTrue(engine.waitFor(60, TimeUnit.SECONDS), "the engine did not stop");
        break;
      default:
        EngineProcess.signal(engine, "HUP");
        assertTrue(engine.waitFor(120, TimeUnit.SECONDS), "the run did not end after SIGHUP");
        String err = Files.readString(root.resolve("err.txt"));
        assertEquals(0, engine.exitValue(), "SIGHUP after record " + n + " stopped the run: " + err);
        Map<String, Integer> counted = count(log);
        CHANGES.forEach(step -> assertEquals(1, counted.get(step), step + " in the log after SIGHUP at record " + n));
        List<Map<String, Object>> all = JournalReader.read(journal).records();
        assertEquals("succeeded", all.get(all.size() - 1).get("outcome"));
        return;
    }
    if (fault == Fault.ENGINE_KILLED) {
      // the command the engine ran goes on: no resume may start a second copy while it does
      List<Map<String, Object>> now = JournalReader.read(journal).records();
      if (!runbook.state.RunProcesses.alive(runbook.journal.JournalCodec.decode(now)).isEmpty()) {
        // the command runs to its end: marking it done is what the operator would decide, should the
        // command end between this look and the resume's own (then the resume may run, not twice)
        String running = interruptedChange(now);
        List<String> probe = new ArrayList<>(List.of("resume", cli.runDir().getFileName().toString(), "--non-interactive",
            "--set", "token=s3cret", "--approve", "approve_go"));
        if (running != null) {
          probe.addAll(List.of("--mark-done", running));
        }
        CliHarness.Result refused = cli.run(probe.toArray(String[]::new));
        if (refused.code() == 75) {
          refusedWhileRunning.incrementAndGet();
          assertTrue(refused.err().contains("still has") && refused.err().contains("runbook stop"), refused.err());
        } else {
          assertTrue(refused.code() == 0 || refused.code() == 64, "the resume after the command ended: " + refused.all());
        }
      }
      // the operator waits for it to end, as the refusal says. Gone means gone for a second: a
      // command started the instant the engine died is a helper process between fork and exec for
      // a moment, without the run's mark in its environment yet
      int quiet = 0;
      for (int i = 0; i < 1200 && quiet < 20; i++) {
        quiet = runbook.state.RunProcesses.alive(JournalReader.read(journal).typed()).isEmpty() ? quiet + 1 : 0;
        Thread.sleep(50);
      }
    }

    JournalReader.Contents afterKill = JournalReader.read(journal);
    Map<String, Integer> before = count(log);
    String interrupted = interruptedChange(afterKill.records());
    // a power cut or a TERM leaves it to the operator; after the engine alone died its command ran
    // to its end, and the operator who checks the system sees whether the change was applied
    boolean rerun = fault == Fault.ENGINE_KILLED
        ? interrupted != null && before.get(interrupted) == 0
        : n % 2 == 0;
    boolean approved = afterKill.typed().stream().anyMatch(r -> r instanceof runbook.journal.JournalRecord.StepFinished f && f.approved());
    if (last(afterKill).equals("run-finished")) {
      // the kill came after the last record: nothing is left to resume, and resume says so
      alreadyEnded.incrementAndGet();
      CHANGES.forEach(step -> assertEquals(1, before.get(step), step + " in the log of a finished run"));
      CliHarness.Result r = cli.run("resume", cli.runDir().getFileName().toString(), "--non-interactive");
      assertEquals(64, r.code(), r.all());
      assertTrue(r.err().contains("succeeded; there is nothing to resume"), r.err());
      return;
    }
    if (last(afterKill).startsWith("step-started") || last(afterKill).startsWith("command-started")) {
      midStep.incrementAndGet();
    }
    if (interrupted != null) {
      if (rerun) {
        reruns.incrementAndGet();
      } else {
        markedDone.incrementAndGet();
      }
    }

    List<String> args = new ArrayList<>(List.of("resume", cli.runDir().getFileName().toString(), "--non-interactive",
        "--set", "token=s3cret"));
    if (interrupted != null) {
      args.addAll(rerun ? List.of("--rerun-interrupted") : List.of("--mark-done", interrupted));
    }
    if (!approved) {
      args.addAll(List.of("--approve", "approve_go"));
    }
    CliHarness.Result r = cli.run(args.toArray(String[]::new));
    String where = fault + " after " + afterKill.records().size() + " records (last: " + last(afterKill) + "), interrupted "
        + interrupted + (interrupted == null ? "" : rerun ? " re-run" : " marked done") + "\n" + r.all();
    assertEquals(0, r.code(), where);

    Map<String, Integer> after = count(log);
    for (String step : CHANGES) {
      int expected = !step.equals(interrupted) ? 1 : rerun ? before.get(step) + 1 : before.get(step);
      assertEquals(expected, after.get(step), step + " in the log; " + where);
    }
    JournalReader.Contents end = JournalReader.read(journal);
    assertNull(end.tornLine(), where);
    Map<String, Object> finished = end.records().get(end.records().size() - 1);
    assertEquals("run-finished", finished.get("type"), where);
    assertEquals("succeeded", finished.get("outcome"), where);
    assertTrue(end.typed().stream().noneMatch(x -> x instanceof runbook.journal.JournalRecord.StepFinished f
        && f.decision() != null && !f.approved()), where);
    // the report lists every step once, the restored ones (a finished group's steps too) included
    String report = Files.readString(cli.runDir().resolve("report.md"));
    for (String step : List.of("read_mode", "mode", "disks", "step1", "approve_go", "rest", "step4", "step5")) {
      assertTrue(report.contains("\n| " + step + " | ok |"), step + " in the report; " + where + "\n" + report);
    }
    for (String step : List.of("step2", "count_lines", "step3")) {
      assertTrue(report.contains("\n| &nbsp;&nbsp;" + step + " | ok |"), step + " in the report; " + where + "\n" + report);
    }
  }

  /** Polls the journal until it holds {@code n} complete records (the engine is killed right then). */
  private static void waitForRecords(CliHarness cli, Process engine, int n) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      Path runs = cli.stateDir.resolve("runs");
      if (Files.isDirectory(runs)) {
        try (var dirs = Files.list(runs)) {
          for (Path d : dirs.toList()) {
            Path j = d.resolve("journal.jsonl");
            if (Files.exists(j) && Files.readString(j).chars().filter(c -> c == '\n').count() >= n) {
              return;
            }
          }
        }
      }
      if (!engine.isAlive()) {
        throw new AssertionError("the engine ended before record " + n + ": " + Files.readString(cli.stateDir.getParent().resolve("err.txt")));
      }
      Thread.sleep(2);
    }
    throw new AssertionError("record " + n + " never appeared");
  }

  /** A change whose last record is its step-started: it was running when the engine died. */
  private static String interruptedChange(List<Map<String, Object>> records) {
    Map<String, Map<String, Object>> last = new LinkedHashMap<>();
    java.util.Set<String> changes = new java.util.HashSet<>();
    for (Map<String, Object> r : records) {
      if ("step-started".equals(r.get("type")) && Boolean.TRUE.equals(r.get("changes")) && !"steps".equals(r.get("action"))) {
        changes.add((String) r.get("step"));
      }
      if (r.get("step") instanceof String s && ((String) r.get("type")).startsWith("step-")) {
        last.put(s, r);
      }
    }
    String found = null;
    for (Map.Entry<String, Map<String, Object>> e : last.entrySet()) {
      boolean running = "step-started".equals(e.getValue().get("type")) || "interrupted".equals(e.getValue().get("status"));
      if (running && changes.contains(e.getKey())
          && !"steps".equals(e.getValue().get("action"))) {
        found = e.getKey();
      }
    }
    return found;
  }

  private static Map<String, Integer> count(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    Map<String, Integer> out = new HashMap<>();
    for (String step : CHANGES) {
      out.put(step, (int) lines.stream().filter(LINES.get(step)::equals).count());
    }
    assertEquals(lines.size(), out.values().stream().mapToInt(Integer::intValue).sum(), "unexpected lines in the log: " + lines);
    return out;
  }

  private static String last(JournalReader.Contents c) {
    Map<String, Object> r = c.records().get(c.records().size() - 1);
    return r.get("type") + (r.get("step") == null ? "" : " " + r.get("step"));
  }

  private static String playbook() {
    try {
      return Path.of(FaultInjectionTest.class.getResource("/state/crash.yaml").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
