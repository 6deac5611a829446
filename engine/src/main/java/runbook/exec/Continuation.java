package runbook.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import runbook.journal.JournalRecord;

/**
 * Where a run starts: a new run under a chosen id, or an earlier run continued ({@code runbook
 * resume}) with the results of its finished steps restored. Built outside the runner (the
 * {@code runbook.state} package reads the journal); the runner only follows it.
 *
 * @param runId the run's id, chosen before the lock is taken so the lock can name it
 * @param resumed true to continue the run in {@code runId}: its directory and journal exist
 * @param finished results of the steps that need not run again, by step id
 * @param markDone steps the operator declared done without running them again
 * @param records written to the journal right after {@code run-started} or {@code run-resumed}
 *     (lock takeovers, a repaired journal, a rehearsal's scenario)
 * @param resumedRecord the {@code run-resumed} record; null for a new run
 */
public record Continuation(
    String runId,
    boolean resumed,
    Map<String, Prior> finished,
    Set<String> markDone,
    List<JournalRecord> records,
    JournalRecord.RunResumed resumedRecord) {
  public Continuation {
    Objects.requireNonNull(runId, "runId");
    finished = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(finished));
    markDone = Set.copyOf(markDone);
    records = List.copyOf(records);
    if (resumed) {
      Objects.requireNonNull(resumedRecord, "resumedRecord");
    }
  }

  /** A new run under this id. */
  public static Continuation fresh(String runId, List<JournalRecord> records) {
    return new Continuation(runId, false, Map.of(), Set.of(), records, null);
  }

  /**
   * A step that finished before the run stopped, as expressions will see it again.
   *
   * @param status its journaled status
   * @param values {@code exit}, {@code stdout}, {@code rows}... as the step produced them
   * @param unavailable values that exist but cannot be read, with the reason (a truncated output)
   * @param message the journaled message; null for none
   * @param command the command line as run; null when it ran none
   * @param exit the command's exit code; null when it ran none
   */
  public record Prior(
      StepStatus status,
      Map<String, Object> values,
      Map<String, String> unavailable,
      String message,
      String command,
      Integer exit,
      long durationMs,
      int attempts) {
    public Prior {
      Objects.requireNonNull(status, "status");
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      unavailable = Map.copyOf(unavailable);
    }
  }
}
