package runbook.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What happens in a run, as the engine tells its listeners ({@link RunEvents}): the terminal
 * display is one listener, {@code events.jsonl} in the run directory another (what {@code runbook
 * attach} replays, and what a controller of many hosts reads). Every text is already masked when
 * it is written to the file. {@link #toMap()} and {@link #fromMap} are the one codec of the file's
 * lines: {@code {"event": KIND, "time": ..., ...}}.
 */
public sealed interface RunEvent {
  /** The {@code event} field of its line. */
  String kind();

  /**
   * Its fields, without {@code event} and {@code time}, each field that carries text (a title, a
   * command line, an output line, a message, a prompt) passed through {@code text}: the codec of
   * {@code events.jsonl} masks those and only those, never an id, a path, a status or a time, as the
   * journal's does ({@link runbook.journal.JournalCodec}).
   */
  Map<String, Object> fields(UnaryOperator<String> text);

  /** Its fields as they are. */
  default Map<String, Object> fields() {
    return fields(UnaryOperator.identity());
  }

  record RunStarted(String runId, String title, String description, String runDir, boolean dryRun) implements RunEvent {
    public String kind() { return "run-started"; }
    public Map<String, Object> fields(UnaryOperator<String> t) {
      return map("run", runId, "title", t.apply(title), "description", t.apply(description), "run_dir", runDir, "dry_run", dryRun);
    }
  }

  /** A step began; {@code group} for a group's heading, {@code live} for a step that runs commands. */
  record StepStarted(String step, String title, int depth, boolean group, boolean live) implements RunEvent {
    public String kind() { return "step-started"; }
    public Map<String, Object> fields(UnaryOperator<String> t) {
      return map("step", step, "title", t.apply(title), "depth", depth, "group", group, "live", live);
    }
  }

  /** The command line about to run. */
  record CommandShown(String line) implements RunEvent {
    public String kind() { return "command"; }
    public Map<String, Object> fields(UnaryOperator<String> t) { return map("line", t.apply(line)); }
  }

  record OutputLine(boolean stderr, String line) implements RunEvent {
    public String kind() { return "output"; }
    public Map<String, Object> fields(UnaryOperator<String> t) { return map("stderr", stderr, "line", t.apply(line)); }
  }

  record StepFinished(String step, String title, int depth, StepStatus status, long durationMs, String message) implements RunEvent {
    public String kind() { return "step-finished"; }
    public Map<String, Object> fields(UnaryOperator<String> t) {
      return map("step", step, "title", t.apply(title), "depth", depth, "status", status.key(), "duration_ms", durationMs,
          "message", t.apply(message));
    }
  }

  /** A failed step's doc: what to do next. */
  record StepDoc(String doc, int depth) implements RunEvent {
    public String kind() { return "doc"; }
    public Map<String, Object> fields(UnaryOperator<String> t) { return map("doc", t.apply(doc), "depth", depth); }
  }

  /** A line of information (a retry, an approval given in advance, a dry run's question). */
  record Note(String text) implements RunEvent {
    public String kind() { return "note"; }
    public Map<String, Object> fields(UnaryOperator<String> t) { return map("text", t.apply(text)); }
  }

  /**
   * A question waits for its answer: a confirm ({@code typed} is the text to type, null for
   * yes/no), or with {@code --step} the choice before a step ({@code stepChoice}). Every display
   * makes room for it first, so that nothing is drawn over the question or the answer under it.
   */
  record Waiting(String step, String prompt, String typed, boolean stepChoice) implements RunEvent {
    public String kind() { return "waiting"; }
    public Map<String, Object> fields(UnaryOperator<String> t) {
      return map("step", step, "prompt", t.apply(prompt), "typed", t.apply(typed), "step_choice", stepChoice ? true : null);
    }
  }

  /**
   * A confirm was approved or declined: by whom ({@code terminal}, {@code attach (...)},
   * {@code --yes}...), the user and terminal of the run, when, and whether the question was
   * asked (an approval given in advance was not).
   */
  record Answered(String step, boolean approved, String by, String user, String terminal, String time, int depth, boolean asked)
      implements RunEvent {
    public String kind() { return "answered"; }
    public Map<String, Object> fields(UnaryOperator<String> t) {
      return map("step", step, "approved", approved, "by", t.apply(by), "user", user, "terminal", terminal, "time", time, "depth", depth, "asked", asked);
    }

    /** The line under the question: {@code approved by root on /dev/pts/3 at 2026-...Z}. */
    public String line() {
      String who = "terminal".equals(by) ? user + " on " + terminal : by;
      return (approved ? "approved" : "declined") + " by " + who + (time == null ? "" : " at " + time);
    }
  }

  /**
   * The run ended: what its last screen shows ({@link Ending}), all of it already masked, so that
   * {@code attach} draws the same screen from the file.
   */
  record RunFinished(String outcome, String message, List<StepRecord> steps, String outcomeLine, String report,
      List<String> summaries, StepRecord stoppedAt, List<String> openGroups, String doc, String state, String resume)
      implements RunEvent {
    public RunFinished {
      steps = List.copyOf(steps);
      summaries = summaries == null ? List.of() : List.copyOf(summaries);
      openGroups = openGroups == null ? List.of() : List.copyOf(openGroups);
    }

    static RunFinished of(Ending e, String message) {
      return new RunFinished(e.outcome().key(), message, e.steps(), e.outcomeLine(), e.report() == null ? null : e.report().toString(),
          e.summaries(), e.stoppedAt(), List.copyOf(e.openGroups()), e.doc(), e.state(), e.resumeCommand());
    }

    /** The last screen this event describes. */
    public Ending ending() {
      RunResult.Outcome o = RunResult.Outcome.FAILED;
      for (RunResult.Outcome x : RunResult.Outcome.values()) {
        if (x.key().equals(outcome)) {
          o = x;
        }
      }
      return new Ending(o, outcomeLine, steps, report == null ? null : java.nio.file.Path.of(report), summaries, stoppedAt,
          java.util.Set.copyOf(openGroups), doc, state, resume);
    }

    public String kind() { return "run-finished"; }
    /**
     * The resume command is structure: the run id, the state directory, the approvals and the
     * names of the secrets' variables (never a value), so a short secret must not break it.
     */
    public Map<String, Object> fields(UnaryOperator<String> t) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (StepRecord s : steps) {
        list.add(step(s, false, t));
      }
      return map("outcome", outcome, "message", t.apply(message), "steps", list, "line", t.apply(outcomeLine), "report", report,
          "summaries", summaries.isEmpty() ? null : summaries.stream().map(t).toList(),
          "stopped_at", stoppedAt == null ? null : step(stoppedAt, true, t),
          "open_groups", openGroups.isEmpty() ? null : openGroups, "doc", t.apply(doc), "state", t.apply(state), "resume", resume);
    }

    private static Map<String, Object> step(StepRecord s, boolean withMessage, UnaryOperator<String> t) {
      return map("step", s.id(), "title", t.apply(s.title()), "depth", s.depth(), "status", s.status().key(),
          "duration_ms", s.durationMs(), "message", withMessage ? t.apply(s.message()) : null);
    }
  }

  /** The line's fields in order, {@code event} first. */
  default Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", kind());
    m.putAll(fields());
    return m;
  }

  /** An event read back from its line; null for a kind this engine does not know (a newer one's). */
  static RunEvent fromMap(Map<String, Object> m) {
    switch (String.valueOf(m.get("event"))) {
      case "run-started": return new RunStarted(s(m, "run"), s(m, "title"), s(m, "description"), s(m, "run_dir"), b(m, "dry_run"));
      case "step-started": return new StepStarted(s(m, "step"), s(m, "title"), i(m, "depth"), b(m, "group"), b(m, "live"));
      case "command": return new CommandShown(s(m, "line"));
      case "output": return new OutputLine(b(m, "stderr"), s(m, "line"));
      case "step-finished": return new StepFinished(s(m, "step"), s(m, "title"), i(m, "depth"), status(s(m, "status")), l(m, "duration_ms"), s(m, "message"));
      case "doc": return new StepDoc(s(m, "doc"), i(m, "depth"));
      case "note": return new Note(s(m, "text"));
      case "waiting": return new Waiting(s(m, "step"), s(m, "prompt"), s(m, "typed"), b(m, "step_choice"));
      case "answered": return new Answered(s(m, "step"), b(m, "approved"), s(m, "by"), s(m, "user"), s(m, "terminal"), s(m, "time"),
          i(m, "depth"), m.containsKey("asked") ? b(m, "asked") : String.valueOf(m.get("by")).startsWith("attach"));
      case "run-finished": {
        List<StepRecord> steps = new ArrayList<>();
        if (m.get("steps") instanceof List<?> list) {
          for (Object o : list) {
            if (o instanceof Map<?, ?> raw) {
              steps.add(step(raw));
            }
          }
        }
        return new RunFinished(s(m, "outcome"), s(m, "message"), steps, s(m, "line"), s(m, "report"), strings(m.get("summaries")),
            m.get("stopped_at") instanceof Map<?, ?> at ? step(at) : null, strings(m.get("open_groups")), s(m, "doc"), s(m, "state"),
            s(m, "resume"));
      }
      default: return null;
    }
  }

  private static StepRecord step(Map<?, ?> raw) {
    @SuppressWarnings("unchecked") Map<String, Object> x = (Map<String, Object>) raw;
    return new StepRecord(s(x, "step"), s(x, "title"), i(x, "depth"), status(s(x, "status")), l(x, "duration_ms"), null, null, s(x, "message"), 1);
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> list) {
      list.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int k = 0; k < kv.length; k += 2) {
      if (kv[k + 1] != null) {
        m.put((String) kv[k], kv[k + 1]);
      }
    }
    return m;
  }

  private static String s(Map<String, Object> m, String k) {
    return m.get(k) == null ? null : String.valueOf(m.get(k));
  }

  private static boolean b(Map<String, Object> m, String k) {
    return Boolean.TRUE.equals(m.get(k));
  }

  private static long l(Map<String, Object> m, String k) {
    return m.get(k) instanceof Number n ? n.longValue() : 0;
  }

  private static int i(Map<String, Object> m, String k) {
    return (int) l(m, k);
  }

  private static StepStatus status(String key) {
    for (StepStatus st : StepStatus.values()) {
      if (st.key().equals(key)) {
        return st;
      }
    }
    return StepStatus.FAILED;
  }
}
