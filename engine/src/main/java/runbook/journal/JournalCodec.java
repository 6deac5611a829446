package runbook.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import runbook.journal.JournalRecord.CommandStarted;
import runbook.journal.JournalRecord.Decision;
import runbook.journal.JournalRecord.JournalRepaired;
import runbook.journal.JournalRecord.LockTakenOver;
import runbook.journal.JournalRecord.RunEnded;
import runbook.journal.JournalRecord.RunResumed;
import runbook.journal.JournalRecord.RunStarted;
import runbook.journal.JournalRecord.Simulation;
import runbook.journal.JournalRecord.Source;
import runbook.journal.JournalRecord.StepFinished;
import runbook.journal.JournalRecord.StepStarted;
import runbook.journal.JournalRecord.Unknown;
import runbook.journal.JournalRecord.Waiting;

/**
 * The journal's one codec: each {@link JournalRecord} to its JSON object and back, the field names
 * in one place.
 *
 * <p>Writing masks the fields that carry text a secret can be in (a command line, a message, a
 * prompt, a title, values, params), and only those: paths, ids, hashes, step ids, times, users and
 * hosts are written as they are, so that a short secret (a value such as {@code x}) cannot alter
 * the playbook's path or the run's id and make a resume look for a file that is not there.
 *
 * <p>Reading accepts the forms older releases wrote: the answer of a confirm in a record of its own
 * ({@code confirmed} or {@code declined}) before the confirm's {@code step-finished} is read into
 * that {@code step-finished}'s {@link Decision} (an answer whose step never finished, because the
 * run was killed in between, is kept on a step-finished of status {@code interrupted}).
 */
public final class JournalCodec {
  private JournalCodec() {}

  /** Characters of a display field (a command line, a title, a message) kept in the journal. */
  public static final int DISPLAY_LIMIT = 4096;

  // ---------------------------------------------------------------- writing

  /** The record as one JSON object, its text fields masked. */
  public static Map<String, Object> encode(JournalRecord record, UnaryOperator<String> mask) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", record.type());
    m.put("time", record.time());
    Text t = new Text(mask);
    if (record instanceof RunStarted r) {
      m.put("run", r.run());
      m.put("playbook", r.playbook());
      m.put("name", r.name());
      m.put("sha256", r.sha256());
      List<Map<String, Object>> sources = new ArrayList<>();
      for (Source s : r.sources()) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("path", s.path());
        f.put("sha256", s.sha256());
        sources.add(f);
      }
      m.put("sources", sources);
      m.put("params", t.value(r.params()));
      m.put("user", r.user());
      m.put("host", r.host());
      m.put("engine", r.engine());
      m.put("dry_run", r.dryRun());
      m.put("simulated", r.simulated());
      putIf(m, "from", r.from());
    } else if (record instanceof RunResumed r) {
      m.put("run", r.run());
      m.put("playbook", r.playbook());
      m.put("user", r.user());
      m.put("host", r.host());
      m.put("engine", r.engine());
      if (!r.forced().isEmpty()) {
        m.put("forced", r.forced());
      }
      putIf(m, "interrupted_step", r.interruptedStep());
      putIf(m, "decision", r.decision());
      m.put("restored", r.restored());
    } else if (record instanceof StepStarted r) {
      m.put("step", r.step());
      m.put("title", t.display(r.title()));
      m.put("action", r.action());
      m.put("changes", r.changes());
    } else if (record instanceof CommandStarted r) {
      m.put("step", r.step());
      m.put("attempt", r.attempt());
      m.put("pid", r.pid());
      m.put("start_ticks", r.startTicks());
      m.put("command", t.display(r.command()));
    } else if (record instanceof Waiting r) {
      m.put("step", r.step());
      m.put("typed", r.typed());
    } else if (record instanceof StepFinished r) {
      m.put("step", r.step());
      m.put("status", r.status());
      putIf(m, "exit", r.exit());
      m.put("duration_ms", r.durationMs());
      if (r.command() != null) {
        m.put("command", t.display(r.command()));
        m.put("stdout_bytes", r.stdoutBytes());
        m.put("stderr_bytes", r.stderrBytes());
      }
      putIf(m, "attempts", r.attempts());
      putIf(m, "message", t.display(r.message()));
      m.put("values", t.value(r.values()));
      if (!r.unavailable().isEmpty()) {
        m.put("unavailable", t.value(r.unavailable()));
      }
      if (r.decision() != null) {
        Decision d = r.decision();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("approved", d.approved());
        f.put("time", d.time());
        f.put("user", d.user());
        f.put("terminal", d.terminal());
        f.put("by", t.text(d.by()));
        f.put("prompt", t.text(d.prompt()));
        m.put("decision", f);
      }
    } else if (record instanceof RunEnded r) {
      m.put("outcome", r.outcome());
      putIf(m, "message", t.display(r.message()));
      putIf(m, "duration_ms", r.durationMs());
      putIf(m, "step", r.step());
    } else if (record instanceof JournalRepaired r) {
      m.put("line", r.line());
      m.put("bytes", r.bytes());
      m.put("torn", t.text(r.torn()));
    } else if (record instanceof LockTakenOver r) {
      m.put("lock", r.lock());
      m.put("previous", r.previous());
      m.put("reason", r.reason());
    } else if (record instanceof Simulation r) {
      m.put("scenario", r.scenario());
      m.put("sha256", r.sha256());
    } else if (record instanceof Unknown r) {
      r.fields().forEach((k, v) -> m.put(k, t.value(v)));
    }
    return m;
  }

  /** {@code text} cut to {@link #DISPLAY_LIMIT} characters, saying how much was left out. */
  public static String shorten(String text) {
    if (text == null || text.length() <= DISPLAY_LIMIT) {
      return text;
    }
    return text.substring(0, DISPLAY_LIMIT) + "... [" + (text.length() - DISPLAY_LIMIT) + " more characters not shown]";
  }

  private static void putIf(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  /** Masks what can hold a secret: a text, or every string inside a value. */
  private record Text(UnaryOperator<String> mask) {
    String text(String s) {
      return s == null ? null : mask.apply(s);
    }

    /**
     * A line for a reader (a command line, a title, a message), never read back: a value of
     * megabytes in a param would otherwise be copied into every record that shows it. Masked
     * first, then cut, so that a cut never leaves part of a secret.
     */
    String display(String s) {
      return shorten(text(s));
    }

    Object value(Object v) {
      if (v instanceof String s) {
        return mask.apply(s);
      }
      if (v instanceof Map<?, ?> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, x) -> copy.put(String.valueOf(k), value(x)));
        return copy;
      }
      if (v instanceof List<?> l) {
        List<Object> copy = new ArrayList<>();
        l.forEach(x -> copy.add(value(x)));
        return copy;
      }
      return v;
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * Every record of a journal, older forms read into today's: a {@code confirmed} or
   * {@code declined} record becomes the {@link Decision} of its step's next {@code step-finished}.
   */
  public static List<JournalRecord> decode(List<Map<String, Object>> objects) {
    List<JournalRecord> out = new ArrayList<>();
    Map<String, Decision> answered = new HashMap<>();
    for (Map<String, Object> m : objects) {
      String type = str(m, "type");
      if ("confirmed".equals(type) || "declined".equals(type)) {
        answered.put(str(m, "step"), new Decision("confirmed".equals(type), str(m, "time"), str(m, "user"),
            str(m, "terminal"), str(m, "by"), str(m, "prompt")));
        continue;
      }
      JournalRecord r = decode(m);
      if (r instanceof StepFinished f && f.decision() == null && answered.containsKey(f.step())) {
        r = withDecision(f, answered.remove(f.step()));
      } else if (r instanceof StepStarted s) {
        answered.remove(s.step());
      } else if (r instanceof RunEnded || r instanceof RunResumed) {
        flush(answered, out, r.time());
      }
      out.add(r);
    }
    flush(answered, out, null);
    return out;
  }

  /**
   * An old-form answer whose step never finished (the run died or was stopped between the two
   * records): a step-finished of status {@code interrupted} carries it, as a run of today journals a
   * confirm answered and then interrupted.
   */
  private static void flush(Map<String, Decision> answered, List<JournalRecord> out, String time) {
    int at = out.size();
    answered.forEach((step, d) -> out.add(at, new StepFinished(time == null ? d.time() : time, step, "interrupted", null, 0,
        null, null, null, null, null, Map.of(), Map.of(), d)));
    answered.clear();
  }

  private static StepFinished withDecision(StepFinished f, Decision d) {
    return new StepFinished(f.time(), f.step(), f.status(), f.exit(), f.durationMs(), f.command(), f.stdoutBytes(),
        f.stderrBytes(), f.attempts(), f.message(), f.values(), f.unavailable(), d);
  }

  /** One record of today's form; a type this version does not know is kept as {@link Unknown}. */
  public static JournalRecord decode(Map<String, Object> m) {
    String type = str(m, "type");
    String time = str(m, "time");
    return switch (type) {
      case "run-started" -> new RunStarted(time, str(m, "run"), str(m, "playbook"), str(m, "name"), str(m, "sha256"),
          sources(m.get("sources")), map(m.get("params")), str(m, "user"), str(m, "host"), str(m, "engine"),
          bool(m, "dry_run"), bool(m, "simulated"), str(m, "from"));
      case "run-resumed" -> new RunResumed(time, str(m, "run"), str(m, "playbook"), str(m, "user"), str(m, "host"),
          str(m, "engine"), maps(m.get("forced")), str(m, "interrupted_step"), str(m, "decision"), (int) num(m, "restored", 0));
      case "step-started" -> new StepStarted(time, str(m, "step"), str(m, "title"), str(m, "action"), bool(m, "changes"));
      case "command-started" -> new CommandStarted(time, str(m, "step"), (int) num(m, "attempt", 1), num(m, "pid", -1),
          num(m, "start_ticks", -1), str(m, "command"));
      case "waiting" -> new Waiting(time, str(m, "step"), bool(m, "typed"));
      case "step-finished" -> new StepFinished(time, str(m, "step"), str(m, "status"), integer(m, "exit"),
          num(m, "duration_ms", 0), str(m, "command"), longOrNull(m, "stdout_bytes"), longOrNull(m, "stderr_bytes"),
          integer(m, "attempts"), str(m, "message"), map(m.get("values")), strings(m.get("unavailable")),
          decision(m.get("decision")));
      case "run-finished", "run-interrupted" -> new RunEnded(time, str(m, "outcome"), str(m, "message"),
          longOrNull(m, "duration_ms"), str(m, "step"));
      case "journal-repaired" -> new JournalRepaired(time, num(m, "line", 0), num(m, "bytes", 0), str(m, "torn"));
      case "lock-taken-over" -> new LockTakenOver(time, str(m, "lock"), map(m.get("previous")), str(m, "reason"));
      case "simulation" -> new Simulation(time, str(m, "scenario"), str(m, "sha256"));
      default -> {
        Map<String, Object> rest = new LinkedHashMap<>(m);
        rest.remove("type");
        rest.remove("time");
        yield new Unknown(time, type, rest);
      }
    };
  }

  private static Decision decision(Object o) {
    if (!(o instanceof Map<?, ?>)) {
      return null;
    }
    Map<String, Object> m = map(o);
    return new Decision(bool(m, "approved"), str(m, "time"), str(m, "user"), str(m, "terminal"), str(m, "by"), str(m, "prompt"));
  }

  private static List<Source> sources(Object o) {
    List<Source> out = new ArrayList<>();
    if (o instanceof List<?> list) {
      for (Object x : list) {
        if (x instanceof Map<?, ?> s && s.get("path") instanceof String p && s.get("sha256") instanceof String h) {
          out.add(new Source(p, h));
        }
      }
    }
    return out;
  }

  private static String str(Map<String, Object> m, String key) {
    return m.get(key) instanceof String s ? s : null;
  }

  private static boolean bool(Map<String, Object> m, String key) {
    return Boolean.TRUE.equals(m.get(key));
  }

  private static long num(Map<String, Object> m, String key, long otherwise) {
    return m.get(key) instanceof Number n ? n.longValue() : otherwise;
  }

  private static Long longOrNull(Map<String, Object> m, String key) {
    return m.get(key) instanceof Number n ? n.longValue() : null;
  }

  private static Integer integer(Map<String, Object> m, String key) {
    return m.get(key) instanceof Number n ? n.intValue() : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<Map<String, Object>> maps(Object o) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(map(x)));
    }
    return out;
  }

  private static Map<String, String> strings(Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }
}
