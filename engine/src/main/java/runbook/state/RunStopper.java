package runbook.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import runbook.journal.JournalException;
import runbook.journal.JournalReader;
import runbook.journal.RunDirectory;
import runbook.journal.RunId;

/**
 * {@code runbook stop RUN_ID}: interrupts a run as SIGTERM does. A run whose engine lives gets
 * SIGTERM (it stops the running command's process group, journals {@code run-interrupted} and
 * exits 130). A run whose engine is gone but whose command lives on (the engine was killed) has
 * those processes terminated (SIGTERM, SIGKILL 3 seconds later); the journal keeps saying the
 * step was running, so the resume asks what to do with it.
 */
public final class RunStopper {
  private static final long GRACE_MILLIS = 3000;

  private RunStopper() {}

  /** What stop did. */
  public enum Result { ENGINE_STOPPED, PROCESSES_STOPPED, NOT_RUNNING }

  public static Result stop(Path stateDir, String runId, Consumer<String> say) throws ResumeException, IOException {
    RunDirectory dir = RunDirectory.open(stateDir, runId);
    if (!RunId.isValid(runId) || !Files.isRegularFile(dir.journal())) {
      throw new ResumeException(ResumeException.Reason.NOT_FOUND,
          "no run `" + runId + "` in " + RunDirectory.runsDir(stateDir) + "; `runbook runs` lists the runs there");
    }
    List<runbook.journal.JournalRecord> records;
    try {
      records = JournalReader.read(dir.journal()).typed();
    } catch (JournalException e) {
      throw new ResumeException(ResumeException.Reason.DAMAGED_JOURNAL, e.getMessage());
    }
    String name = !records.isEmpty() && records.get(0) instanceof runbook.journal.JournalRecord.RunStarted s ? s.name() : null;
    LockHolder holder = name == null ? null : RunLock.holder(stateDir, name);
    if (holder != null && runId.equals(holder.run()) && holder.gone() == null) {
      say.accept("stopping run " + runId + ": SIGTERM to its engine, pid " + holder.pid()
          + "; it stops the running command and records run-interrupted");
      ProcessHandle engine = ProcessHandle.of(holder.pid()).orElse(null);
      if (engine != null) {
        engine.destroy();
        engine.onExit().completeOnTimeout(engine, 30, java.util.concurrent.TimeUnit.SECONDS).join();
      }
      say.accept(engine == null || !engine.isAlive()
          ? "run " + runId + " stopped; continue it with: runbook resume " + runId
          : "the engine of run " + runId + " has not ended after 30 seconds; it is still stopping its command");
      return Result.ENGINE_STOPPED;
    }
    List<RunProcesses.Live> live = RunProcesses.alive(records);
    if (live.isEmpty()) {
      say.accept("run " + runId + " is not running: nothing to stop");
      return Result.NOT_RUNNING;
    }
    StringBuilder b = new StringBuilder("the engine of run " + runId + " is gone; stopping what it left running:");
    live.forEach(l -> b.append("\n  ").append(l.describe()));
    say.accept(b.toString());
    live.forEach(l -> ProcessHandle.of(l.pid()).ifPresent(ProcessHandle::destroy));
    long deadline = System.currentTimeMillis() + GRACE_MILLIS;
    while (!(live = RunProcesses.alive(records)).isEmpty() && System.currentTimeMillis() < deadline) {
      sleep();
    }
    for (int round = 0; round < 10 && !live.isEmpty(); round++) {
      live.forEach(l -> ProcessHandle.of(l.pid()).ifPresent(ProcessHandle::destroyForcibly));
      sleep();
      live = RunProcesses.alive(records);
    }
    say.accept(live.isEmpty()
        ? "stopped; the step that was running may or may not have done its work. Check, then: runbook resume " + runId
            + " (with --rerun-interrupted or --mark-done STEP)"
        : "some processes could not be stopped: " + live.get(0).describe());
    return Result.PROCESSES_STOPPED;
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
