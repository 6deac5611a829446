package runbook.state;

import runbook.journal.JournalCodec;
import runbook.journal.JournalRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import runbook.process.ProcStat;

/**
 * Which processes still belong to a run whose engine is gone, with real processes in sessions of
 * their own, as the engine starts its commands.
 */
class RunProcessesTest {
  private static final String RUN = "20261203-100000-demo-abcd";
  private Process command;

  @AfterEach
  void kill() throws InterruptedException {
    if (command != null) {
      command.descendants().forEach(ProcessHandle::destroyForcibly);
      command.destroyForcibly();
      command.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process start(String run) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("setsid", "sh", "-c", "sleep 30 & wait");
    if (run != null) {
      pb.environment().put("RUNBOOK_RUN", run);
    }
    Process p = pb.start();
    for (int i = 0; i < 100 && p.descendants().findAny().isEmpty(); i++) {
      Thread.sleep(20);
    }
    return p;
  }

  /** A record as the journal's codec reads it from the file. */
  private static JournalRecord record(String type, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1] instanceof Integer n ? Long.valueOf(n) : kv[i + 1]);
    }
    return JournalCodec.decode(m);
  }

  @Test
  void aJournaledCommandAndWhatItStartedAreAliveUntilTheyEnd() throws Exception {
    command = start(null);
    long pid = command.pid();
    List<JournalRecord> journal = List.of(
        record("run-started", "run", RUN),
        record("step-started", "step", "restore", "time", Instant.now().toString()),
        record("command-started", "step", "restore", "pid", pid, "start_ticks", ProcStat.startTicks(pid), "command", "sh -c ..."));
    List<RunProcesses.Live> live = RunProcesses.alive(journal);
    assertEquals(2, live.size(), live.toString());
    assertEquals(pid, live.get(0).pid());
    assertTrue(live.get(1).describe().contains("sleep, started by sh -c ..."), live.get(1).describe());
    assertTrue(RunProcesses.refusal(RUN, live).contains("runbook resume " + RUN + " --wait"));

    // the same pid with another start time is another process
    List<JournalRecord> reused = List.of(journal.get(0), journal.get(1),
        record("command-started", "step", "restore", "pid", pid, "start_ticks", ProcStat.startTicks(pid) - 1, "command", "x"));
    assertEquals(List.of(), RunProcesses.alive(reused).stream().filter(l -> l.commandPid() == pid && l.pid() == pid).toList());

    command.descendants().forEach(ProcessHandle::destroyForcibly);
    command.destroyForcibly();
    command.waitFor(10, TimeUnit.SECONDS);
    Thread.sleep(200);
    assertEquals(List.of(), RunProcesses.alive(journal));
  }

  @Test
  void aCommandWhosePidNeverReachedTheJournalIsFoundByTheRunsMarkInItsEnvironment() throws Exception {
    String stepStart = Instant.now().toString();
    command = start(RUN);
    List<JournalRecord> journal = List.of(record("run-started", "run", RUN), record("step-started", "step", "restore", "time", stepStart));
    List<RunProcesses.Live> live = RunProcesses.alive(journal);
    assertTrue(live.stream().anyMatch(l -> l.pid() == command.pid() && l.step().equals("restore")), live.toString());

    // another run's mark is not this run's; and once a command of the step is journaled, the mark is not looked at
    assertEquals(List.of(), RunProcesses.alive(List.of(record("run-started", "run", "20261203-100000-other-abcd"), journal.get(1))));
    assertEquals(List.of(), RunProcesses.alive(List.of(journal.get(0), journal.get(1), record("step-finished", "step", "restore"))));
  }

  @Test
  void aDaemonAnEarlierStepLeftWithTheMarkIsNotTheUnjournaledCommand() throws Exception {
    command = start(RUN);
    Thread.sleep(2500); // clock ticks are 10 ms; the step starts well after the daemon
    List<JournalRecord> journal = List.of(record("run-started", "run", RUN),
        record("step-started", "step", "later", "time", Instant.now().plusSeconds(1).toString()));
    assertEquals(List.of(), RunProcesses.alive(journal));
  }
}
