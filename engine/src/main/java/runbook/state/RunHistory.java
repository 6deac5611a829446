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

/**
 * A run as its journal tells it: how it started, the last record of each step, the confirms
 * approved, how it ended (if it did), and a torn last line (the run died while writing it).
 */
public final class RunHistory {
  private final RunDirectory dir;
  private final Map<String, Object> started;
  private final List<Map<String, Object>> records;
  private final String tornLine;
  private final Map<String, Map<String, Object>> last = new HashMap<>();
  private final Set<String> approved = new LinkedHashSet<>();
  private final List<String> order = new ArrayList<>();
  private Map<String, Object> end;

  private RunHistory(RunDirectory dir, JournalReader.Contents contents) throws JournalException {
    this.dir = dir;
    this.records = contents.records();
    this.tornLine = contents.tornLine();
    if (records.isEmpty() || !"run-started".equals(records.get(0).get("type"))) {
      throw new JournalException(dir.journal() + ":1: the journal does not begin with a run-started record");
    }
    this.started = records.get(0);
    for (Map<String, Object> r : records) {
      String type = (String) r.get("type");
      String step = r.get("step") instanceof String s ? s : null;
      switch (type) {
        case "run-resumed":
          end = null;
          break;
        case "step-started":
        case "step-finished":
          if (step != null) {
            last.put(step, r);
            order.remove(step);
            order.add(step);
          }
          break;
        case "confirmed":
          approved.add(step);
          break;
        case "declined":
          approved.remove(step);
          break;
        case "run-finished":
        case "run-interrupted":
          end = r;
          break;
        default:
          break;
      }
    }
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
    return (String) started.get("playbook");
  }

  /** The playbook's absolute path (its first source), so a resume works from any directory. */
  public java.nio.file.Path playbookPath() {
    Map<String, String> sources = sources();
    return java.nio.file.Path.of(sources.isEmpty() ? playbookFile() : sources.keySet().iterator().next());
  }

  public String playbookName() {
    return (String) started.get("name");
  }

  public String startedAt() {
    return (String) started.get("time");
  }

  /** The step the run started at ({@code --from}); null when it started at the first. */
  public String from() {
    return started.get("from") instanceof String f ? f : null;
  }

  public boolean simulated() {
    return Boolean.TRUE.equals(started.get("simulated"));
  }

  public boolean dryRun() {
    return Boolean.TRUE.equals(started.get("dry_run"));
  }

  /** The params as journaled: secrets are {@code ***}. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> params() {
    return started.get("params") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** Each file the playbook was read from, with its sha256 when the run started: path to hash. */
  public Map<String, String> sources() {
    Map<String, String> out = new LinkedHashMap<>();
    if (started.get("sources") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("path") instanceof String p && m.get("sha256") instanceof String h) {
          out.put(p, h);
        }
      }
    }
    return out;
  }

  /** {@code succeeded}, {@code failed}, {@code aborted}, {@code interrupted}; null when the run never ended (it died, or runs). */
  public String outcome() {
    return end == null ? null : (String) end.get("outcome");
  }

  /** Every step that started, in the order of their last record. */
  public List<String> steps() {
    return List.copyOf(order);
  }

  /** The first record of this type; null when there is none. */
  public Map<String, Object> first(String type) {
    return records.stream().filter(r -> type.equals(r.get("type"))).findFirst().orElse(null);
  }

  /** The last {@code step-started} or {@code step-finished} record of a step; null when it never started. */
  public Map<String, Object> last(String stepId) {
    return last.get(stepId);
  }

  /** True when the step's last record is its {@code step-finished}. */
  public boolean finished(String stepId) {
    Map<String, Object> r = last.get(stepId);
    return r != null && "step-finished".equals(r.get("type"));
  }

  /** The journaled status of a finished step ({@code ok}, {@code failed}...); null when it did not finish. */
  public String status(String stepId) {
    return finished(stepId) ? (String) last.get(stepId).get("status") : null;
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
      Map<String, Object> r = last.get(id);
      boolean running = "step-started".equals(r.get("type")) || "interrupted".equals(r.get("status"));
      boolean group = "steps".equals(actionOf(id));
      if (running && !group) {
        found = id;
      }
    }
    return found;
  }

  /** The action journaled when the step last started; null when it never did. */
  private String actionOf(String stepId) {
    for (int i = records.size() - 1; i >= 0; i--) {
      Map<String, Object> r = records.get(i);
      if ("step-started".equals(r.get("type")) && stepId.equals(r.get("step"))) {
        return (String) r.get("action");
      }
    }
    return null;
  }

  /** The incomplete last line (the run died while writing it); null when the journal ends cleanly. */
  public String tornLine() {
    return tornLine;
  }

  /** The line number of the torn line. */
  public int tornLineNumber() {
    return records.size() + 1;
  }

  public List<Map<String, Object>> records() {
    return records;
  }
}
