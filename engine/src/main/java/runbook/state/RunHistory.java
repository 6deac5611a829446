package runbook.state;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import runbook.journal.JournalException;
import runbook.journal.JournalReader;
import runbook.journal.RunDirectory;
import runbook.journal.JournalRecord;
import runbook.journal.JournalRecord.RunEnded;
import runbook.journal.JournalRecord.RunResumed;
import runbook.journal.JournalRecord.RunStarted;
import runbook.journal.JournalRecord.StepFinished;
import runbook.journal.JournalRecord.StepStarted;

/**
 * A run as its journal tells it: how it started, the last record of each step, the confirms
 * approved, how it ended (if it did), and a torn last line (the run died while writing it).
 */
public final class RunHistory {
  private final RunDirectory dir;
  private final RunStarted started;
  private final List<JournalRecord> records;
  private final String tornLine;
  private final int lines;
  /** Each step's last {@code step-started} or {@code step-finished}. */
  private final Map<String, JournalRecord> last = new HashMap<>();
  private final Set<String> approved = new LinkedHashSet<>();
  private final List<String> order = new ArrayList<>();
  /** The action each step last started as. */
  private final Map<String, String> actions = new HashMap<>();
  private RunEnded end;

  private RunHistory(RunDirectory dir, JournalReader.Contents contents) throws JournalException {
    this.dir = dir;
    this.records = contents.typed();
    this.tornLine = contents.tornLine();
    this.lines = contents.records().size();
    if (records.isEmpty() || !(records.get(0) instanceof RunStarted first)) {
      throw new JournalException(dir.journal() + ":1: the journal does not begin with a run-started record");
    }
    this.started = first;
    for (JournalRecord r : records) {
      if (r instanceof RunResumed) {
        end = null;
      } else if (r instanceof StepStarted s && s.step() != null) {
        actions.put(s.step(), s.action());
        lastIs(s.step(), r);
      } else if (r instanceof StepFinished f && f.step() != null) {
        lastIs(f.step(), r);
        if (f.decision() != null) {
          if (f.decision().approved()) {
            approved.add(f.step());
          } else {
            approved.remove(f.step());
          }
        }
      } else if (r instanceof RunEnded e) {
        end = e;
      }
    }
  }

  private void lastIs(String step, JournalRecord r) {
    last.put(step, r);
    order.remove(step);
    order.add(step);
  }

  /** Reads {@code runs/<id>/journal.jsonl}. */
  public static RunHistory read(RunDirectory dir) throws IOException, JournalException {
    return new RunHistory(dir, JournalReader.read(dir.journal()));
  }

  public RunDirectory dir() {
    return dir;
  }

  public String runId() {
    return dir.runId();
  }

  public String playbookFile() {
    return started.playbook();
  }

  /** The playbook's absolute path (its first source), so a resume works from any directory. */
  public java.nio.file.Path playbookPath() {
    return java.nio.file.Path.of(started.sources().isEmpty() ? playbookFile() : started.sources().get(0).path());
  }

  public String playbookName() {
    return started.name();
  }

  public String startedAt() {
    return started.time();
  }

  /** The step the run started at ({@code --from}); null when it started at the first. */
  public String from() {
    return started.from();
  }

  public boolean simulated() {
    return started.simulated();
  }

  public boolean dryRun() {
    return started.dryRun();
  }

  /** The params as journaled: secrets are {@code ***}. */
  public Map<String, Object> params() {
    return started.params();
  }

  /** Each file the playbook was read from, with its sha256 when the run started: path to hash. */
  public Map<String, String> sources() {
    Map<String, String> out = new LinkedHashMap<>();
    started.sources().forEach(s -> out.put(s.path(), s.sha256()));
    return out;
  }

  /** {@code succeeded}, {@code failed}, {@code aborted}, {@code interrupted}; null when the run never ended (it died, or runs). */
  public String outcome() {
    return end == null ? null : end.outcome();
  }

  /** Every step that started, in the order of their last record. */
  public List<String> steps() {
    return List.copyOf(order);
  }

  /** The first record of this kind; null when there is none. */
  public <T extends JournalRecord> T first(Class<T> kind) {
    return records.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElse(null);
  }

  /** The step's last {@code step-finished} when that is its last record; null when it did not finish. */
  public StepFinished finishedRecord(String stepId) {
    return last.get(stepId) instanceof StepFinished f ? f : null;
  }

  /** True when the step's last record is its {@code step-finished}. */
  public boolean finished(String stepId) {
    return finishedRecord(stepId) != null;
  }

  /** The journaled status of a finished step ({@code ok}, {@code failed}...); null when it did not finish. */
  public String status(String stepId) {
    StepFinished f = finishedRecord(stepId);
    return f == null ? null : f.status();
  }

  /** Confirms whose last answer was an approval. */
  public Set<String> approved() {
    return Set.copyOf(approved);
  }

  /**
   * The step (not a group) that was running when the run stopped: started and never finished, or
   * finished as interrupted (Ctrl-C); null when none.
   */
  public String interruptedStep() {
    String found = null;
    for (String id : order) {
      JournalRecord r = last.get(id);
      boolean running = r instanceof StepStarted || r instanceof StepFinished f && "interrupted".equals(f.status());
      boolean group = "steps".equals(actions.get(id));
      if (running && !group) {
        found = id;
      }
    }
    return found;
  }

  /** The incomplete last line (the run died while writing it); null when the journal ends cleanly. */
  public String tornLine() {
    return tornLine;
  }

  /** The line number of the torn line. */
  public int tornLineNumber() {
    return lines + 1;
  }

  /** Every record, older forms read as today's ({@link runbook.journal.JournalCodec}). */
  public List<JournalRecord> records() {
    return records;
  }

  /** The warning a reader of a torn journal prints: where the last record was cut, and that it was read up to it. */
  public String tornWarning() {
    return "warning: " + dir().journal() + ":" + tornLineNumber()
        + ": the last record is incomplete (the run stopped while writing it); the journal was read up to it";
  }
}
