package runbook.journal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record of a run's journal. Every writer builds one of these and every reader gets one back:
 * {@link JournalCodec} is the only place that knows the records' field names, which fields are
 * text that can carry a secret (masked when written), and the older forms still read.
 *
 * <p>{@code time} is when the record was written (ISO-8601, UTC); a record built to be written
 * has null, and {@link Journal#append} writes the time it is appended.
 */
public sealed interface JournalRecord {
  String time();

  /** The record's name in the file: {@code "type"}. */
  String type();

  /**
   * The first record of a run.
   *
   * @param playbook the path as given on the command line
   * @param sources the playbook's files, absolute paths, then a variant's bases
   * @param params the params after conversion, secrets as {@code ***}
   * @param from the step given by {@code --from}; null when the run starts at the first
   */
  record RunStarted(String time, String run, String playbook, String name, String sha256, List<Source> sources,
      Map<String, Object> params, String user, String host, String engine, boolean dryRun, boolean simulated, String from)
      implements JournalRecord {
    public RunStarted {
      sources = List.copyOf(sources);
      params = copy(params);
    }

    public String type() {
      return "run-started";
    }
  }

  /** A file the playbook was read from, with the sha256 of its bytes when the run started. */
  record Source(String path, String sha256) {}

  /**
   * {@code runbook resume} continues the run.
   *
   * @param forced the playbook's files that changed since the run started ({@code --force}): path, sha256 then and now
   * @param interruptedStep the change that was running when the run stopped; null when none
   * @param decision {@code rerun} or {@code mark-done} for that change; null when none
   * @param restored how many finished steps' results were restored
   */
  record RunResumed(String time, String run, String playbook, String user, String host, String engine,
      List<Map<String, Object>> forced, String interruptedStep, String decision, int restored) implements JournalRecord {
    public RunResumed {
      forced = forced == null ? List.of() : List.copyOf(forced);
    }

    public String type() {
      return "run-resumed";
    }
  }

  record StepStarted(String time, String step, String title, String action, boolean changes) implements JournalRecord {
    public String type() {
      return "step-started";
    }
  }

  /**
   * A command began: who runs it, so that after the engine was killed a resume can tell whether it
   * still runs.
   *
   * @param startTicks the process's start time from {@code /proc/<pid>/stat}; -1 when unknown
   */
  record CommandStarted(String time, String step, int attempt, long pid, long startTicks, String command) implements JournalRecord {
    public String type() {
      return "command-started";
    }
  }

  /** A confirm waits for its answer, from the terminal or {@code runbook attach}. */
  record Waiting(String time, String step, boolean typed) implements JournalRecord {
    public String type() {
      return "waiting";
    }
  }

  /**
   * A step's outcome: the one record that says how a step ended, a confirm's answer included.
   *
   * @param exit the command's exit code; null when it ran none
   * @param command the command line as run; null when it ran none (then the byte counts are null too)
   * @param attempts null unless it was retried
   * @param values what expressions see of the step, without the captured output
   * @param unavailable values that cannot be read, with why
   * @param decision a confirm's answer; null for every other step and for a confirm not answered
   */
  record StepFinished(String time, String step, String status, Integer exit, long durationMs, String command,
      Long stdoutBytes, Long stderrBytes, Integer attempts, String message, Map<String, Object> values,
      Map<String, String> unavailable, Decision decision) implements JournalRecord {
    public StepFinished {
      values = copy(values);
      unavailable = unavailable == null ? Map.of() : Map.copyOf(unavailable);
    }

    public String type() {
      return "step-finished";
    }

    public boolean approved() {
      return decision != null && decision.approved();
    }
  }

  /**
   * A confirm's answer.
   *
   * @param time when it was answered
   * @param terminal the device it was answered on, or {@code none}
   * @param by {@code terminal}, {@code attach (...)}, {@code --yes}, {@code --approve ID}, or why it was unanswered
   * @param prompt the question as it was asked
   */
  record Decision(boolean approved, String time, String user, String terminal, String by, String prompt) {}

  /**
   * The run ended: {@code run-finished} ({@code succeeded}, {@code failed}, {@code aborted}) or
   * {@code run-interrupted} ({@code interrupted}, with the step that was running).
   *
   * @param durationMs null in the record an internal error writes
   */
  record RunEnded(String time, String outcome, String message, Long durationMs, String step) implements JournalRecord {
    public String type() {
      return "interrupted".equals(outcome) ? "run-interrupted" : "run-finished";
    }
  }

  /** A resume cut off the torn last line of the journal. */
  record JournalRepaired(String time, long line, long bytes, String torn) implements JournalRecord {
    public String type() {
      return "journal-repaired";
    }
  }

  /** The lock was taken over from a holder that is gone. */
  record LockTakenOver(String time, String lock, Map<String, Object> previous, String reason) implements JournalRecord {
    public LockTakenOver {
      previous = copy(previous);
    }

    public String type() {
      return "lock-taken-over";
    }
  }

  /** The scenario a rehearsal ({@code --simulate}) answers its commands from, with its sha256. */
  record Simulation(String time, String scenario, String sha256) implements JournalRecord {
    public String type() {
      return "simulation";
    }
  }

  /** A record of a type this version does not know (a newer engine's), kept as it was read. */
  record Unknown(String time, String type, Map<String, Object> fields) implements JournalRecord {
    public Unknown {
      Objects.requireNonNull(type, "type");
      fields = copy(fields);
    }
  }

  private static Map<String, Object> copy(Map<String, Object> m) {
    return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
