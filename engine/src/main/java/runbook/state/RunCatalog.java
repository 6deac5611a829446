package runbook.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import runbook.journal.JournalException;
import runbook.journal.RunDirectory;
import runbook.journal.RunId;

/** The runs in a state directory, oldest first, each summed up from its journal for {@code runbook runs}. */
public final class RunCatalog {
  private RunCatalog() {}

  /**
   * One line of {@code runbook runs}.
   *
   * @param outcome {@code succeeded}, {@code failed}, {@code aborted}, {@code interrupted};
   *     {@code running} while its engine holds the lock; {@code stopped} for a run that ended without
   *     an end record (killed, power cut: resume it); {@code damaged} when the journal cannot be read
   */
  public record Entry(String id, String playbook, String started, String outcome, boolean simulated) {}

  /** Run ids, oldest first. */
  public static List<String> ids(Path stateDir) throws IOException {
    Path runs = RunDirectory.runsDir(stateDir);
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(runs)) {
      return s.map(p -> p.getFileName().toString()).filter(RunId::isValid).sorted().toList();
    }
  }

  public static List<Entry> list(Path stateDir) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (String id : ids(stateDir)) {
      RunDirectory dir = RunDirectory.open(stateDir, id);
      try {
        RunHistory h = RunHistory.read(dir);
        out.add(new Entry(id, h.playbookName(), seconds(h.startedAt()), outcome(stateDir, h), h.simulated()));
      } catch (JournalException | IOException e) {
        out.add(new Entry(id, "?", "?", "damaged", false));
      }
    }
    return out;
  }

  /** {@code 2026-11-25T16:59:02Z}: the journal's time to the second. */
  private static String seconds(String time) {
    try {
      return java.time.Instant.parse(time).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    } catch (RuntimeException e) {
      return String.valueOf(time);
    }
  }

  /** Whether the run's engine is alive: it holds the lock of its playbook under the run's id. */
  public static boolean engineAlive(Path stateDir, String runId) {
    try {
      var records = runbook.journal.JournalReader.read(RunDirectory.open(stateDir, runId).journal()).typed();
      String name = !records.isEmpty() && records.get(0) instanceof runbook.journal.JournalRecord.RunStarted s ? s.name() : null;
      LockHolder holder = name == null ? null : RunLock.holder(stateDir, name);
      return holder != null && runId.equals(holder.run()) && holder.gone() == null;
    } catch (IOException | JournalException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The process id of the engine that runs {@code runId} (it holds the lock under that id), or -1
   * when no live engine does.
   */
  public static long enginePid(Path stateDir, String runId) {
    try {
      var records = runbook.journal.JournalReader.read(RunDirectory.open(stateDir, runId).journal()).records();
      String name = records.isEmpty() ? null : (String) records.get(0).get("name");
      LockHolder holder = name == null ? null : RunLock.holder(stateDir, name);
      return holder != null && runId.equals(holder.run()) && holder.gone() == null ? holder.pid() : -1;
    } catch (IOException | JournalException | RuntimeException e) {
      return -1;
    }
  }

  /** How the run ended, or whether it is still running (its engine holds the lock under its id). */
  static String outcome(Path stateDir, RunHistory h) {
    if (h.outcome() != null) {
      return h.outcome();
    }
    LockHolder holder = RunLock.holder(stateDir, h.playbookName());
    boolean running = holder != null && holder.run().equals(h.runId()) && holder.gone() == null;
    return running ? "running" : "stopped";
  }
}
