package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.journal.JournalReader;

/**
 * The lock (one run per state directory and playbook) and Ctrl-C, with real engines in JVMs of
 * their own running {@code state/wait.yaml}: a change, a read-only command that waits until the
 * test releases it, another change.
 */
class LockAndSignalTest {
  @TempDir Path tmp;

  /** The host name the engine records in its lock: the kernel's, never a name lookup. */
  private static String kernelHostName() throws IOException {
    return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
  }
  CliHarness cli;
  String dir;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    dir = "dir=" + cli.scratch;
  }

  /** Starts wait.yaml in its own JVM and returns once its waiting command runs. */
  private Process startWaiting() throws Exception {
    Process engine = EngineProcess.start(cli, tmp, "run", ResumeCommandTest.pb("wait.yaml"), "--set", dir, "--non-interactive");
    Path pid = cli.scratch.resolve("wait.pid");
    for (int i = 0; i < 1200 && (!Files.exists(pid) || Files.readString(pid).isBlank()); i++) {
      assertTrue(engine.isAlive(), () -> "the engine ended: " + read(tmp.resolve("err.txt")));
      Thread.sleep(50);
    }
    return engine;
  }

  private List<Map<String, Object>> records(Path runDir) throws Exception {
    return JournalReader.read(runDir.resolve("journal.jsonl")).records();
  }

  private Path newestRun() throws IOException {
    try (var runs = Files.list(cli.stateDir.resolve("runs"))) {
      return runs.sorted().reduce((a, b) -> b).orElseThrow();
    }
  }

  @Test
  void aSecondRunExits75NamingTheHolderAndTheLockOfAKilledRunIsTakenOver() throws Exception {
    Process first = startWaiting();
    String user = cli.env.getOrDefault("USER", System.getProperty("user.name"));
    CliHarness.Result second = cli.run("run", ResumeCommandTest.pb("wait.yaml"), "--set", dir);
    assertEquals(75, second.code(), second.all());
    assertTrue(second.err().contains("another run of `long-wait` holds the lock " + cli.stateDir.resolve("locks/long-wait.lock")), second.err());
    assertTrue(second.err().contains("(pid " + first.pid() + ", user " + user + ", host " + kernelHostName() + ", started 20"), second.err());
    assertEquals(List.of("before"), Files.readAllLines(cli.scratch.resolve("log")), "the second run ran a step");
    String running = newestRun().getFileName().toString();
    assertTrue(cli.run("runs").out().lines().anyMatch(l -> l.startsWith(running) && l.contains(" running ")), cli.run("runs").out());
    CliHarness.Result live = cli.run("show", running);
    assertTrue(live.out().contains("- outcome: **running**") && live.out().contains("| wait | running |"), live.out());

    EngineProcess.killTree(first, cli.scratch.toString());
    Files.createFile(cli.scratch.resolve("released"));
    CliHarness.Result third = cli.run("run", ResumeCommandTest.pb("wait.yaml"), "--set", dir);
    assertEquals(0, third.code(), third.all());
    assertTrue(third.err().contains("warning: took over the lock"), third.err());
    Map<String, Object> takeover = records(newestRun()).get(1);
    assertEquals("lock-taken-over", takeover.get("type"));
    assertEquals("process " + first.pid() + " is gone", takeover.get("reason"));
    assertEquals((long) first.pid(), ((Map<?, ?>) takeover.get("previous")).get("pid"));
  }

  @Test
  void aLockWhosePidNowBelongsToAnotherProcessIsTakenOver() throws Exception {
    long pid = ProcessHandle.current().pid();
    lockFile(pid, kernelHostName(), 1);
    Files.createFile(cli.scratch.resolve("released"));
    CliHarness.Result r = cli.run("run", ResumeCommandTest.pb("wait.yaml"), "--set", dir);
    assertEquals(0, r.code(), r.all());
    assertTrue(r.err().contains("pid " + pid + " now belongs to another process (its start time differs)"), r.all());
    assertEquals("lock-taken-over", records(newestRun()).get(1).get("type"));
  }

  @Test
  void aLockTakenOnAnotherHostIsNotTakenOver() throws Exception {
    lockFile(1, "elsewhere", 1);
    CliHarness.Result r = cli.run("run", ResumeCommandTest.pb("wait.yaml"), "--set", dir);
    assertEquals(75, r.code(), r.all());
    assertTrue(r.err().contains("was taken on another host: run 20261125-170000-long-wait-abcd (pid 1, user ann, host elsewhere"), r.err());
    assertTrue(r.err().contains("delete the lock file"), r.err());
    assertFalse(Files.exists(cli.scratch.resolve("log")), "a step ran");
  }

  @Test
  void ctrlCKillsTheCommandExits130AndResumeContinuesFromThatStep() throws Exception {
    Process engine = startWaiting();
    List<ProcessHandle> commands = engine.descendants().toList();
    assertFalse(commands.isEmpty(), "the waiting command is not a child of the engine");
    EngineProcess.signal(engine, "INT");
    assertTrue(engine.waitFor(60, TimeUnit.SECONDS), "the engine did not end");
    assertEquals(130, engine.exitValue(), read(tmp.resolve("err.txt")));
    for (ProcessHandle h : commands) {
      h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
      assertFalse(h.isAlive(), "left behind: " + h.info().commandLine().orElse("pid " + h.pid()));
    }
    Path run = newestRun();
    List<Map<String, Object>> records = records(run);
    Map<String, Object> last = records.get(records.size() - 1);
    assertEquals("run-interrupted", last.get("type"));
    assertEquals("wait", last.get("step"));

    Files.createFile(cli.scratch.resolve("released"));
    CliHarness.Result r = cli.run("resume", run.getFileName().toString(), "--non-interactive");
    assertEquals(0, r.code(), r.all());
    assertEquals(List.of("before", "after"), Files.readAllLines(cli.scratch.resolve("log")));
    List<Map<String, Object>> after = records(run).subList(records.size(), records(run).size());
    assertEquals("run-resumed", after.get(0).get("type"));
    assertEquals("wait", after.get(1).get("step"), "the resume did not start at the interrupted step");
  }

  private void lockFile(long pid, String host, long startTicks) throws IOException {
    Path lock = Files.createDirectories(cli.stateDir.resolve("locks")).resolve("long-wait.lock");
    Files.writeString(lock, "{\"pid\":" + pid + ",\"user\":\"ann\",\"host\":\"" + host + "\",\"started\":\"2026-11-25T17:00:00Z\","
        + "\"run\":\"20261125-170000-long-wait-abcd\",\"start_ticks\":" + startTicks + "}\n", StandardCharsets.UTF_8);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ")";
    }
  }
}
