package runbook.exec;

import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;
import runbook.process.Redactor;

/**
 * Replaces every secret value with {@code ***}. One instance per run, built from the secret
 * params' values, and applied wherever text leaves the engine: console, journal, log, report,
 * params file, the copy of the playbook; and, through {@link #redactor()}, the commands' output as
 * it is written to the run directory.
 */
public final class Masker implements UnaryOperator<String> {
  public static final String MASK = "***";
  public static final Masker NONE = new Masker(List.of());

  private final Redactor redactor;

  /**
   * The masker of the run this process is running: an internal error can carry a value in its
   * message or its causes' (a function's, the JVM's), and is reported outside the run's own writers.
   */
  private static volatile Masker active = NONE;

  public Masker(Collection<String> secrets) {
    this.redactor = Redactor.of(forms(secrets), MASK);
  }

  /** Lines of a multi-line secret shorter than this are not masked alone: they would mask common text. */
  static final int MIN_LINE = 4;

  /**
   * Every form in which a secret can be written out: as it is; inside single quotes for a shell
   * ({@code '\''}) or YAML ({@code ''}); escaped inside a JSON string (the journal, the report); and
   * each line of a multi-line secret on its own, since output is shown and logged line by line.
   */
  static java.util.List<String> forms(Collection<String> secrets) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String s : secrets) {
      if (s == null || s.isEmpty()) {
        continue;
      }
      java.util.List<String> whole = java.util.List.of(s);
      java.util.List<String> parts = new java.util.ArrayList<>(whole);
      if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
        for (String line : s.split("\r?\n|\r")) {
          if (line.strip().length() >= MIN_LINE) {
            parts.add(line);
          }
        }
      }
      for (String p : parts) {
        out.add(p);
        out.add(p.replace("'", "'\\''"));
        out.add(p.replace("'", "''"));
        String json = runbook.json.Json.write(p);
        out.add(json.substring(1, json.length() - 1));
      }
    }
    return java.util.List.copyOf(out);
  }

  /** The masker of the latest run this process started, {@link #NONE} before one. */
  public static Masker active() {
    return active;
  }

  /** Forgets the active masker: a new command starts (tests run many in one JVM). */
  public static void deactivate() {
    active = NONE;
  }

  /** Makes this the masker of what the process reports outside the run: an internal error. */
  void activate() {
    active = this;
  }

  public String mask(String text) {
    return text == null ? null : redactor.redact(text);
  }

  /**
   * Every string inside a value masked (a map's values, a list's items), the map keys and every
   * number and boolean kept: a value is masked per field, so that a short secret cannot change a
   * name.
   */
  public Object maskValues(Object v) {
    if (v instanceof String s) {
      return mask(s);
    }
    if (v instanceof java.util.Map<?, ?> m) {
      java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> copy.put(String.valueOf(k), maskValues(x)));
      return copy;
    }
    if (v instanceof List<?> l) {
      List<Object> copy = new java.util.ArrayList<>();
      l.forEach(x -> copy.add(maskValues(x)));
      return copy;
    }
    return v;
  }

  /** The same replacement for bytes, for the commands' output files in the run directory. */
  public Redactor redactor() {
    return redactor;
  }

  @Override
  public String apply(String text) {
    return mask(text);
  }
}
