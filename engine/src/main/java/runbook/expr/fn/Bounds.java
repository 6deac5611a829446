package runbook.expr.fn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits every expression and every regular expression runs within, so that no playbook and no
 * value can keep a run busy forever, fill the memory or overflow the stack: time per evaluation (and
 * per {@code matches:}), the text one evaluation may build, and how deep an expression may nest.
 * Exceeding one is an {@link Exceeded} error that names the limit, never a hang or a JVM error.
 */
public final class Bounds {
  /** How long one expression, or one regular expression over one text, may run. */
  public static final long TIME_MILLIS = 5_000;
  /** The longest text one expression may build: 64 Mi characters (128 MiB). */
  public static final long MAX_TEXT = 1L << 26;
  /** All the text one evaluation may build, added up. */
  public static final long MAX_TOTAL_TEXT = 1L << 28;
  /** How deep brackets may nest in one expression. */
  public static final int MAX_DEPTH = 64;

  private static final ThreadLocal<long[]> BUDGET = new ThreadLocal<>();

  private Bounds() {}

  /** A limit was exceeded; the message says which and what to do. */
  public static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Exceeded(String message) {
      super(message, null, false, false);
    }
  }

  /** Starts the budget of one evaluation on this thread; returns the one it replaces (nested evaluations share the outer one). */
  public static long[] start() {
    long[] outer = BUDGET.get();
    if (outer == null) {
      BUDGET.set(new long[] {System.nanoTime() + TIME_MILLIS * 1_000_000L, 0});
    }
    return outer;
  }

  /** Ends the budget started by the {@link #start()} that returned {@code outer}. */
  public static void end(long[] outer) {
    if (outer == null) {
      BUDGET.remove();
    }
  }

  /** Fails when the evaluation on this thread ran out of time. */
  public static void check() {
    long[] b = BUDGET.get();
    if (b != null && System.nanoTime() - b[0] > 0) {
      throw new Exceeded("the expression ran longer than " + TIME_MILLIS / 1000 + " s, the limit: "
          + "simplify it (fewer nested list functions, a simpler regular expression)");
    }
  }

  /** Counts {@code length} characters about to be built; fails past the limits. */
  public static void text(long length) {
    if (length > MAX_TEXT) {
      throw new Exceeded("the expression would build a text of " + length + " characters; the limit is " + MAX_TEXT);
    }
    long[] b = BUDGET.get();
    if (b != null) {
      b[1] += length;
      if (b[1] > MAX_TOTAL_TEXT) {
        throw new Exceeded("the expression built more than " + MAX_TOTAL_TEXT + " characters of text, the limit");
      }
      check();
    }
  }

  /** Whether {@code pattern} matches all of {@code text}, within the time limit and without overflowing the stack. */
  public static boolean matches(Pattern pattern, CharSequence text) {
    return run(pattern, text, true) != null;
  }

  /** The first match of {@code pattern} in {@code text}, or null; bounded as {@link #matches} is. */
  public static Matcher find(Pattern pattern, CharSequence text) {
    return run(pattern, text, false);
  }

  private static Matcher run(Pattern pattern, CharSequence text, boolean whole) {
    long[] b = BUDGET.get();
    long deadline = b != null ? b[0] : System.nanoTime() + TIME_MILLIS * 1_000_000L;
    Matcher m = pattern.matcher(new Deadlined(text, deadline, pattern.pattern()));
    try {
      return (whole ? m.matches() : m.find()) ? m : null;
    } catch (StackOverflowError e) {
      throw new Exceeded("the regular expression `" + shorten(pattern.pattern()) + "` recurses too deeply on a text of "
          + text.length() + " characters: use a simpler one (no repeated alternation such as (a|b)*)");
    }
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /**
   * The text a regular expression reads, checking the clock as it is read: Java's regex engine
   * cannot be interrupted, but it reads every character through {@link #charAt}.
   */
  private static final class Deadlined implements CharSequence {
    private final CharSequence text;
    private final long deadline;
    private final String pattern;
    private int reads;

    Deadlined(CharSequence text, long deadline, String pattern) {
      this.text = text;
      this.deadline = deadline;
      this.pattern = pattern;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadline > 0) {
        throw new Exceeded("the regular expression `" + shorten(pattern) + "` ran longer than "
            + TIME_MILLIS / 1000 + " s on a text of " + text.length()
            + " characters: it backtracks; use one without nested repetition such as (a+)+");
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
