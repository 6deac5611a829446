package runbook.expr.fn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits every expression and every regular expression runs within, so that no playbook and no
 * value can keep a run busy forever, fill the memory or overflow the stack: time per evaluation (and
 * per {@code matches:}), the text one evaluation may build, and how deep an expression may nest.
 * Exceeding one is an {@link Exceeded} error that names the limit, never a hang or a JVM error.
 *
 * <p>Time is the processor time of the evaluating thread, not the clock: a hypervisor in an outage is
 * often short of CPU, and a clock limit then stopped trivial expressions (the lab saw it at a load of
 * 40 on two cores). The clock is the cheap first test, since a thread cannot use more processor time
 * than time passed: only once the clock passes the limit is the thread's processor time read
 * ({@code /proc/thread-self/stat}), and the deadline moves on by what it did not use. A hard clock
 * limit of {@link #WALL_MILLIS} still ends an evaluation that waits instead of computing.
 */
public final class Bounds {
  /** How much processor time one expression, or one regular expression over one text, may use. */
  public static final long TIME_MILLIS = 5_000;
  /** How long by the clock one evaluation may take at most, however little processor time it got. */
  public static final long WALL_MILLIS = 120_000;
  private static final long LIMIT_NANOS = TIME_MILLIS * 1_000_000L;
  private static final Path THREAD_STAT = Path.of("/proc/thread-self/stat");
  /** Linux reports a thread's times in clock ticks of 1/100 s (USER_HZ) on every architecture it runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;
  /** The longest text one expression may build: 64 Mi characters (128 MiB). */
  public static final long MAX_TEXT = 1L << 26;
  /** All the text one evaluation may build, added up. */
  public static final long MAX_TOTAL_TEXT = 1L << 28;
  /** How deep brackets may nest in one expression. */
  public static final int MAX_DEPTH = 64;

  /** Per thread: {deadline by the clock, text built, processor time at the start (-1: unknown), start by the clock}. */
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
      BUDGET.set(budget());
    }
    return outer;
  }

  private static long[] budget() {
    long now = System.nanoTime();
    return new long[] {now + LIMIT_NANOS, 0, threadCpuNanos(), now};
  }

  /**
   * Whether the evaluation of budget {@code b} used up its time. When the clock deadline has passed,
   * reads the thread's processor time: past the limit, yes; otherwise the deadline moves to the
   * earliest moment the rest of the limit could be used up.
   */
  /** Which limit ended the evaluation, as the message says it: the clock's only on a starved machine. */
  private static String limitReached(long[] b) {
    return System.nanoTime() - b[3] > WALL_MILLIS * 1_000_000L
        ? WALL_MILLIS / 1000 + " s by the clock (the machine gave it little processor time)"
        : TIME_MILLIS / 1000 + " s of processor time";
  }

  private static boolean outOfTime(long[] b) {
    long now = System.nanoTime();
    if (now - b[0] <= 0) {
      return false;
    }
    if (now - b[3] > WALL_MILLIS * 1_000_000L) {
      return true;
    }
    long cpu = threadCpuNanos();
    if (cpu < 0 || b[2] < 0) {
      return true; // no processor time to read: the clock decides, as the limit says
    }
    long used = cpu - b[2];
    if (used >= LIMIT_NANOS) {
      return true;
    }
    // ticks are coarse: look again no sooner than one tick from now
    b[0] = now + Math.max(LIMIT_NANOS - used, NANOS_PER_TICK);
    return false;
  }

  /** This thread's processor time (user and system) in nanoseconds, or -1 where it cannot be read. */
  static long threadCpuNanos() {
    try {
      String stat = new String(Files.readAllBytes(THREAD_STAT), StandardCharsets.US_ASCII);
      // the fields after the command name, which is in parentheses and may itself hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // f[0] is field 3 (state): utime is field 14, stime field 15
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
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
    if (b != null && outOfTime(b)) {
      throw new Exceeded("the expression ran longer than " + limitReached(b) + ", the limit: "
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
    Matcher m = pattern.matcher(new Deadlined(text, b != null ? b : budget(), pattern.pattern()));
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
   * The text a regular expression reads, checking the time used as it is read: Java's regex engine
   * cannot be interrupted, but it reads every character through {@link #charAt}.
   */
  private static final class Deadlined implements CharSequence {
    private final CharSequence text;
    private final long[] budget;
    private final String pattern;
    private int reads;

    Deadlined(CharSequence text, long[] budget, String pattern) {
      this.text = text;
      this.budget = budget;
      this.pattern = pattern;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 0xFFF) == 0 && outOfTime(budget)) {
        throw new Exceeded("the regular expression `" + shorten(pattern) + "` ran longer than "
            + limitReached(budget) + " on a text of " + text.length()
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
