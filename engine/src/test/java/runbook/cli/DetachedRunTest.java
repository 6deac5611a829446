package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.journal.JournalReader;

/**
 * A run that outlives its terminal, with real processes: an engine on a pseudo-terminal (util-linux
 * {@code script}) whose session is dropped, {@code run --detach}, {@code attach} from other
 * processes and on a pseudo-terminal, and a resume refused while a command of a killed engine runs.
 * The playbook ({@code state/hangup.yaml}) has a change, a typed confirm and a second change.
 */
class DetachedRunTest {
  @TempDir Path tmp;

  private static String quoted(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String playbook() {
    try {
      return Path.of(DetachedRunTest.class.getResource("/state/hangup.yaml").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path state() {
    return tmp.resolve("state");
  }

  private Path log() {
    return tmp.resolve("log");
  }

  /** {@code runbook ARGS} on a pseudo-terminal of its own; what it shows goes to {@code screen}. */
  private Process onTerminal(Path screen, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> words = new ArrayList<>(List.of(quoted(java), "-cp", quoted(System.getProperty("java.class.path")), "runbook.cli.Main"));
    for (String a : args) {
      words.add(quoted(a));
    }
    ProcessBuilder pb = new ProcessBuilder(List.of("script", "-qec", "exec " + String.join(" ", words), "/dev/null"));
    pb.environment().put("TERM", "xterm");
    pb.environment().put("NO_COLOR", "1");
    pb.redirectErrorStream(true).redirectOutput(screen.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    return pb.start();
  }

  /** {@code runbook ARGS} in a JVM of its own, without a terminal. */
  private Process engine(Path logs, String... args) throws IOException {
    Files.createDirectories(logs);
    CliHarness cli = new CliHarness(tmp);
    return EngineProcess.start(cli, logs, args);
  }

  private Path runDir() throws IOException {
    try (var runs = Files.list(state().resolve("runs"))) {
      return runs.sorted().reduce((a, b) -> b).orElseThrow();
    }
  }

  private String listing() {
    try (var files = Files.walk(runDir())) {
      Path root = runDir();
      return files.map(f -> root.relativize(f).toString()).toList().toString();
    } catch (IOException | RuntimeException e) {
      return e.toString();
    }
  }

  private String runLog() {
    try (var files = Files.list(runDir())) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).map(DetachedRunTest::read).reduce("", String::concat);
    } catch (IOException | RuntimeException e) {
      return e.toString();
    }
  }

  private List<Map<String, Object>> journal() throws Exception {
    return JournalReader.read(runDir().resolve("journal.jsonl")).records();
  }

  /** Up to three minutes: a JVM started by the test takes seconds alone and over a minute on a loaded machine. */
  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    await(what, done, () -> "");
  }

  /** {@link #await}, saying on a time-out what {@code seen} shows (the processes' output, the run's log). */
  private static void await(String what, BooleanSupplier done, java.util.function.Supplier<String> seen) throws InterruptedException {
    for (int i = 0; i < 3600; i++) {
      if (done.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting: " + what + seen.get());
  }

  private boolean journalHas(String type) {
    try {
      return Files.isDirectory(state().resolve("runs")) && journal().stream().anyMatch(r -> type.equals(r.get("type")));
    } catch (Exception e) {
      return false;
    }
  }

  private List<String> logLines() throws IOException {
    return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
  }

  private static void type(Process p, String line) throws IOException {
    OutputStream in = p.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void aDroppedSessionDuringAChangeLetsItCompleteOnceAndTheConfirmWaitsUntilAttachAnswersIt() throws Exception {
    Path screen = tmp.resolve("screen.txt");
    Process session = onTerminal(screen, "run", playbook(), "--set", "log=" + log(), "--state-dir", state().toString());
    await("the first change to start", () -> Files.exists(tmp.resolve("log.first")));
    ProcessHandle engine = session.descendants().filter(h -> h.info().commandLine().orElse("").contains("runbook.cli.Main")).findFirst()
        .orElseThrow(() -> new AssertionError("no engine under the terminal: " + read(screen)));
    // the session drops: the terminal's other end closes, and the kernel hangs up the engine's terminal
    session.destroyForcibly();
    session.waitFor(30, TimeUnit.SECONDS);

    await("the confirm to wait", () -> journalHas("waiting"));
    assertTrue(engine.isAlive(), "the engine died with its terminal: " + read(screen));
    assertEquals(List.of("first"), logLines(), "the change ran once, to its end");
    assertTrue(journal().stream().noneMatch(r -> r.get("decision") instanceof Map<?, ?> d && Boolean.FALSE.equals(d.get("approved"))),
        "the confirm was not left unanswered");

    // attach from another process: it shows the run and answers the typed confirm
    Process attach = engine(tmp.resolve("attach"), "attach", "--last", "--state-dir", state().toString());
    await("attach to show the question", () -> read(tmp.resolve("attach/out.txt")).contains("type `data` to approve"),
        () -> "\nattach's output:\n" + read(tmp.resolve("attach/out.txt")) + "\nattach's errors:\n" + read(tmp.resolve("attach/err.txt"))
            + "\nthe run's directory: " + listing() + "\nits log:\n" + runLog());
    type(attach, "data");
    assertTrue(attach.waitFor(120, TimeUnit.SECONDS), "attach did not end with the run");
    String shown = read(tmp.resolve("attach/out.txt"));
    assertEquals(0, attach.exitValue(), shown + read(tmp.resolve("attach/err.txt")));
    assertTrue(shown.contains("first") && shown.contains("Apply the second change to data?"), shown);
    assertTrue(shown.contains("run succeeded"), shown);
    engine.onExit().get(60, TimeUnit.SECONDS);

    assertEquals(List.of("first", "second"), logLines());
    Map<?, ?> confirmed = journal().stream().filter(r -> r.get("decision") instanceof Map<?, ?> d && Boolean.TRUE.equals(d.get("approved")))
        .map(r -> (Map<?, ?>) r.get("decision")).findFirst().orElseThrow();
    assertTrue(String.valueOf(confirmed.get("by")).startsWith("attach (user "), confirmed.toString());
    assertTrue(Files.readString(runDir().resolve("events.jsonl")).contains("\"event\":\"waiting\""));
  }

  @Test
  void aDetachedRunIsAttachedOnATerminalLeftWithoutStoppingItAndAnsweredByTheNextAttach() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    CliHarness.Result started = cli.run("run", playbook(), "--set", "log=" + log(), "--state-dir", state().toString(), "--detach");
    assertEquals(0, started.code(), started.all());
    String runId = runDir().getFileName().toString();
    assertTrue(started.out().contains("run " + runId + " started in the background"), started.out());
    assertTrue(started.out().contains("runbook attach " + runId), started.out());
    // which way it was detached: a systemd unit only where systemd is PID 1 (not on the machines these
    // tests run on so far: there the session of its own is the path tested)
    boolean systemd = Files.readString(Path.of("/proc/1/comm")).strip().equals("systemd") && Files.isDirectory(Path.of("/run/systemd/system"));
    assertTrue(started.out().contains(systemd ? "as the systemd unit runbook-" + runId : "in a session of its own"), started.out());
    await("the confirm to wait", () -> journalHas("waiting"));

    // attach on a terminal: the live display is replayed, then its operator leaves (the session drops)
    Path screen = tmp.resolve("attach1.txt");
    Process first = onTerminal(screen, "attach", runId, "--state-dir", state().toString());
    await("the first attach to ask", () -> read(screen).contains("type `data` to approve"));
    assertTrue(read(screen).contains("ok First change") || read(screen).contains("ok        first"), read(screen));
    first.destroyForcibly();
    first.waitFor(30, TimeUnit.SECONDS);
    Thread.sleep(500);
    assertTrue(journal().stream().noneMatch(r -> "run-interrupted".equals(r.get("type"))
        || r.get("decision") instanceof Map<?, ?> d && Boolean.FALSE.equals(d.get("approved"))),
        "leaving attach stopped the run");
    assertEquals(List.of("first"), logLines());

    // the next attach, on a terminal too, answers with the typed text
    Path screen2 = tmp.resolve("attach2.txt");
    Process second = onTerminal(screen2, "attach", runId, "--state-dir", state().toString());
    await("the second attach to ask", () -> read(screen2).contains("type `data` to approve"));
    type(second, "data");
    assertTrue(second.waitFor(120, TimeUnit.SECONDS), "attach did not end with the run: " + read(screen2));
    assertEquals(0, second.exitValue(), read(screen2));
    assertTrue(read(screen2).contains("run succeeded"), read(screen2));
    // the answer stays under the question, with who gave it
    assertTrue(read(screen2).contains("approved by attach (user "), read(screen2));
    assertEquals(List.of("first", "second"), logLines());
    enginesGone();
  }

  /**
   * A host so slow that the background engine needs more than a minute to start (a JVM under
   * emulation, found by lab job 15): `run --detach` waits for it as long as it lives and reports the
   * run started. It reported "has not started after 60 seconds" while the run began a moment later,
   * and the fleet counted that host as not started while its repair ran. The engine is stopped
   * (SIGSTOP) as soon as it exists, for 65 s, so this test takes a little over a minute.
   */
  @Test
  void aBackgroundEngineSlowerThanAMinuteToStartIsWaitedForAndItsRunReportedStarted() throws Exception {
    Path logs = tmp.resolve("detach");
    Files.createDirectories(logs);
    Process detach = EngineProcess.start(new CliHarness(tmp), logs, List.of(), Map.of("RUNBOOK_DETACH", "setsid"),
        "run", playbook(), "--set", "log=" + log(), "--approve", "go", "--state-dir", state().toString(), "--detach");
    String handoff = state().resolve("runs").toString();
    long[] engine = {0};
    await("the background engine to exist", () -> {
      engine[0] = ProcessHandle.allProcesses()
          .filter(p -> p.info().arguments().map(a -> List.of(a).contains("--handoff") && String.join(" ", a).contains(handoff)).orElse(false))
          .mapToLong(ProcessHandle::pid).findFirst().orElse(0);
      return engine[0] > 0;
    });
    signal(engine[0], "STOP");
    try {
      assertFalse(detach.waitFor(65, TimeUnit.SECONDS), "run --detach gave up while its engine was still starting: "
          + read(logs.resolve("out.txt")) + read(logs.resolve("err.txt")));
    } finally {
      signal(engine[0], "CONT");
    }
    assertTrue(detach.waitFor(120, TimeUnit.SECONDS), "run --detach did not end once its engine went on");
    assertEquals(0, detach.exitValue(), read(logs.resolve("out.txt")) + read(logs.resolve("err.txt")));
    assertTrue(read(logs.resolve("out.txt")).contains("started in the background"), read(logs.resolve("out.txt")));
    await("the run to end", () -> journalHas("run-finished"));
    assertEquals(List.of("first", "second"), logLines());
    // the engine writes its report and releases its lock after the last record: let it go before the
    // temporary directory is removed
    enginesGone();
  }

  /**
   * The background engine writes its report and releases its lock after its last journal record: wait
   * for every engine of this test's state directory to end before the temporary directory is removed.
   */
  private void enginesGone() throws InterruptedException {
    String dir = state().toString();
    await("the background engine to end", () -> ProcessHandle.allProcesses()
        .noneMatch(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dir)).orElse(false)));
  }

  private static void signal(long pid, String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
    assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid);
  }

  @Test
  void aResumeWhileACommandOfAKilledEngineRunsIsRefusedNamingItAndWaitsForItWithWait() throws Exception {
    Process engine = engine(tmp.resolve("engine"), "run", playbook(), "--set", "log=" + log(), "--set", "seconds=20",
        "--state-dir", state().toString(), "--non-interactive", "--approve", "go");
    await("the first change to start", () -> Files.exists(tmp.resolve("log.first")));
    // its pid journaled (on a loaded machine the command can start well before its record is written;
    // a command killed before that is named by its mark only, `sh`, a case RunProcessesTest covers)
    await("the first change's pid to be journaled", () -> journalHas("command-started"));
    engine.destroyForcibly(); // the engine alone: out of memory, kill -9
    engine.waitFor(30, TimeUnit.SECONDS);

    CliHarness cli = new CliHarness(tmp);
    String runId = runDir().getFileName().toString();
    CliHarness.Result refused = cli.run("resume", runId, "--state-dir", state().toString(), "--non-interactive", "--rerun-interrupted");
    assertEquals(75, refused.code(), refused.all());
    assertTrue(refused.err().contains("step `first`: sh -c"), refused.err());
    assertTrue(refused.err().contains("runbook resume " + runId + " --wait") && refused.err().contains("runbook stop " + runId), refused.err());
    CliHarness.Result again = cli.run("run", playbook(), "--set", "log=" + log(), "--set", "seconds=20", "--state-dir", state().toString(),
        "--non-interactive");
    assertEquals(75, again.code(), "a new run started beside the running command: " + again.all());
    assertEquals(List.of(), logLines(), "nothing ran a second copy");

    CliHarness.Result waited = cli.run("resume", runId, "--state-dir", state().toString(), "--non-interactive", "--wait",
        "--mark-done", "first", "--approve", "go");
    assertEquals(0, waited.code(), waited.all());
    assertTrue(waited.err().contains("waiting for run " + runId + "'s processes to end"), waited.err());
    assertEquals(List.of("first", "second"), logLines());
  }
}
