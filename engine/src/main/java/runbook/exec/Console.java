package runbook.exec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the operator sees. Progress and results go to {@code out}, problems to {@code err}. On a
 * terminal a running step shows its title, the elapsed time and its last output lines, redrawn in
 * place; elsewhere every event is one plain line. Colour only on a terminal and never with
 * {@code NO_COLOR} or {@code --no-color}. Every string is masked before it is printed.
 */
public final class Console {
  private static final int LIVE_LINES = 4;
  private static final String RESET = "\033[0m";

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean live;
  private final boolean color;
  private final Verbosity verbosity;
  private final boolean fullTable;
  private volatile int width;
  private volatile Masker masker = Masker.NONE;

  private final Object lock = new Object();
  private final Deque<String> tail = new ArrayDeque<>();
  private ScheduledExecutorService ticker;
  private ScheduledFuture<?> tick;
  private String liveTitle;
  private String liveIndent = "";
  private long liveStart;
  private int drawn;

  /**
   * @param terminal {@code out} is a terminal: live progress
   * @param color use colour (only honoured on a terminal)
   * @param width the terminal's width in columns
   */
  public Console(PrintWriter out, PrintWriter err, boolean terminal, boolean color, Verbosity verbosity, int width) {
    this(out, err, terminal, color, verbosity, width, verbosity == Verbosity.VERBOSE);
  }

  /**
   * @param fullTable the summary lists every step; otherwise groups are folded into one line each
   *     (except the one where the run stopped) and skipped steps are counted
   */
  public Console(PrintWriter out, PrintWriter err, boolean terminal, boolean color, Verbosity verbosity, int width, boolean fullTable) {
    this.out = out;
    this.err = err;
    this.live = terminal;
    this.color = terminal && color;
    this.verbosity = verbosity;
    this.width = Math.max(20, width);
    this.fullTable = fullTable;
  }

  /**
   * The terminal changed its size: the live block is drawn again to the new width. Lines already
   * above it stay as the terminal keeps them; the block itself is always one screen row per line
   * (clipped to the width), so erasing it moves up exactly as many rows as it has lines.
   */
  public void resized(int columns) {
    if (columns <= 0) {
      return;
    }
    synchronized (lock) {
      this.width = Math.max(20, columns);
      redraw();
    }
  }

  /** From now on every string printed is masked with this. */
  void useMasker(Masker m) {
    this.masker = m;
  }

  void runStarted(String title, String description, String runId, Path runDir, boolean dry) {
    if (verbosity == Verbosity.QUIET) {
      return;
    }
    print(out, paint("1", title) + (dry ? paint("33", "  (dry run: only steps with changes: false are executed)") : ""));
    if (description != null && !description.isBlank()) {
      description.strip().lines().forEach(l -> print(out, "  " + l));
    }
    printPlain(out, "run " + runId + "  " + runDir);
  }

  /**
   * @param liveBlock the step runs commands: on a terminal, show its progress live; other steps
   *     show only their outcome there
   */
  void stepStarted(String id, String title, int depth, boolean liveBlock) {
    synchronized (lock) {
      if (verbosity == Verbosity.QUIET) {
        return;
      }
      if (!live) {
        printPlain(out, indent(depth) + "-- " + id + ": " + masker.mask(title));
        return;
      }
      // a step inside a running step (a require-state's fix): the outer block gives way to it
      clearLive();
      if (liveBlock) {
        liveTitle = title;
        liveIndent = indent(depth);
        liveStart = System.nanoTime();
        tail.clear();
        startTicker();
        redraw();
      }
    }
  }

  /** A group's title, as a heading above its steps. */
  void groupStarted(String id, String title, int depth) {
    synchronized (lock) {
      if (verbosity != Verbosity.QUIET) {
        clearLive();
        printPlain(out, indent(depth) + (live ? paint("1", masker.mask(title)) : "-- " + id + ": " + masker.mask(title)));
      }
    }
  }

  /** The command line about to run (masked): the operator always sees what is executed, except with {@code -q}. */
  void command(String line) {
    if (verbosity != Verbosity.QUIET) {
      synchronized (lock) {
        printAbove("   $ " + line);
      }
    }
  }

  /** A line a running command wrote. */
  void outputLine(boolean stderr, String line) {
    synchronized (lock) {
      if (verbosity == Verbosity.VERBOSE) {
        printAbove("   " + (stderr ? "! " : "| ") + line);
      } else if (live && liveTitle != null) {
        tail.addLast(line);
        while (tail.size() > LIVE_LINES) {
          tail.removeFirst();
        }
        redraw();
      }
    }
  }

  void stepFinished(String id, String title, int depth, StepStatus status, long millis, String message) {
    synchronized (lock) {
      clearLive();
      boolean bad = status == StepStatus.FAILED || status == StepStatus.ABORTED || status == StepStatus.INTERRUPTED;
      if (verbosity != Verbosity.QUIET || bad) {
        String head = live
            ? indent(depth) + mark(status) + " " + masker.mask(title) + "  " + paint("2", seconds(millis))
            : indent(depth) + pad(status.key(), 10) + id + "  (" + seconds(millis) + ")";
        printPlain(out, head);
      }
      if (message != null && !message.isBlank()) {
        if (bad) {
          message.lines().forEach(l -> print(err, indent(depth) + "   " + paint("31", l)));
        } else if (verbosity != Verbosity.QUIET) {
          message.lines().forEach(l -> print(out, indent(depth) + "   " + l));
        }
      }
    }
  }

  /** A step's doc, shown when it fails: what to do next. */
  void doc(String doc, int depth) {
    if (doc == null || doc.isBlank()) {
      return;
    }
    synchronized (lock) {
      clearLive();
      doc.strip().lines().forEach(l -> print(err, indent(depth) + "   > " + l));
    }
  }

  void info(String text) {
    if (verbosity == Verbosity.QUIET) {
      return;
    }
    synchronized (lock) {
      printAbove(text);
    }
  }

  void problem(String text) {
    synchronized (lock) {
      clearLive();
      text.lines().forEach(l -> print(err, paint("31", l)));
    }
  }

  /**
   * A question follows on the terminal: the live block is erased first, so that the question and
   * the answer typed under it stay on screen (nothing is drawn over them afterwards).
   */
  void beforeQuestion() {
    synchronized (lock) {
      clearLive();
    }
  }

  /** How a confirm was answered, under its question: who, where, when. */
  void answered(int depth, String text) {
    synchronized (lock) {
      clearLive();
      if (verbosity != Verbosity.QUIET) {
        print(out, indent(depth) + "   " + text);
      }
    }
  }

  /**
   * The last screen of a run: the step table (compact unless asked for in full), the report's path,
   * and then what matters most, last so that it stays in view: the outcome; on success what the
   * playbook says about it (backups, next checks); on a stop the step that stopped the run, its
   * message and doc, the state the host is in, and the command that continues the run.
   */
  void ending(Ending e) {
    synchronized (lock) {
      clearLive();
      if (verbosity != Verbosity.QUIET && !e.steps().isEmpty()) {
        print(out, "");
        table(e);
      }
      if (e.report() != null) {
        printPlain(out, "report: " + e.report());
      }
      print(out, "");
      boolean ok = e.outcome() == RunResult.Outcome.SUCCEEDED;
      PrintWriter w = ok ? out : err;
      print(w, paint(ok ? "1;32" : "1;31", e.outcomeLine()));
      if (ok) {
        for (String text : e.summaries()) {
          print(out, "");
          block(out, text, "  ");
        }
        return;
      }
      StepRecord at = e.stoppedAt();
      if (at != null) {
        // the step id as it is, the title masked: the operator looks the step up by its id
        String line = "at step `" + at.id() + "`: " + masker.mask(at.title());
        (live ? wrap(line, width - 3) : List.of(line)).forEach(l -> printPlain(err, "  " + l));
        if (at.message() != null && !at.message().isBlank()) {
          block(err, paint("31", at.message().strip()), "    ");
        }
      }
      if (e.doc() != null && !e.doc().isBlank()) {
        print(err, paint("1", "What to do:"));
        block(err, e.doc(), "  ");
      }
      if (e.state() != null && !e.state().isBlank()) {
        print(err, paint("1", "Where the host stands now:"));
        block(err, e.state(), "  ");
      }
      if (e.resumeCommand() != null) {
        print(err, paint("1", "To continue this run once the cause is fixed:"));
        // one line to copy: indented only when the indent does not make it wrap
        // ids, paths, options and the names of variables, never a value: a short secret must not break it
        printPlain(err, (e.resumeCommand().length() + 2 < width ? "  " : "") + e.resumeCommand());
      }
    }
  }

  /** A text under a heading: on a terminal its paragraphs are wrapped to the width, list items kept apart. */
  private void block(PrintWriter w, String text, String indent) {
    List<String> lines = live ? wrap(text.strip(), width - 1 - indent.length()) : text.strip().lines().toList();
    lines.forEach(l -> print(w, indent + l));
  }

  /**
   * Wraps prose written for a wide editor to a narrow screen: lines of a paragraph are joined and
   * broken again at spaces; a blank line, a list item ({@code - }, {@code 1. }) or a line indented
   * differently starts a new line, and a list item's continuation lines hang under its text.
   */
  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder item = null;
    String hang = "";
    for (String raw : text.lines().toList()) {
      String line = raw.stripTrailing();
      int indent = line.length() - line.stripLeading().length();
      // a line continues the item above only at the item's own text column, and never as a list item
      boolean starts = item == null || line.isBlank() || line.matches("\\s*([-*]|\\d+\\.) .*") || indent != hang.length()
          || item.toString().endsWith(":") || isLabel(line);
      if (starts) {
        if (item != null) {
          fill(out, item.toString(), hang, width);
        }
        if (line.isBlank()) {
          out.add("");
          item = null;
          hang = "";
          continue;
        }
        item = new StringBuilder(line);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\s*(?:(?:[-*]|\\d+\\.) )?)").matcher(line);
        hang = m.find() ? " ".repeat(m.group(1).length()) : "";
      } else {
        item.append(' ').append(line.strip());
      }
    }
    if (item != null) {
      fill(out, item.toString(), hang, width);
    }
    return out;
  }

  /** A short line ending in a colon ({@code Next:}) introduces what follows: it keeps a line of its own. */
  private static boolean isLabel(String line) {
    String l = line.strip();
    return l.endsWith(":") && l.length() <= 30;
  }

  private static void fill(List<String> out, String text, String hang, int width) {
    int max = Math.max(20, width);
    String rest = text;
    boolean first = true;
    while (true) {
      String prefix = first ? "" : hang;
      if (prefix.length() + rest.length() <= max) {
        out.add(prefix + rest);
        return;
      }
      int room = max - prefix.length();
      int cut = rest.lastIndexOf(' ', room);
      if (cut <= prefix.length() / 2 || cut <= 0) {
        cut = rest.indexOf(' ', room);
        if (cut < 0) {
          out.add(prefix + rest);
          return;
        }
      }
      out.add(prefix + rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut + 1).stripLeading();
      first = false;
    }
  }

  /** One line per top-level step; a group folded into one line unless the run stopped inside it. */
  private void table(Ending e) {
    List<StepRecord> steps = e.steps();
    List<StepRecord> rows = new ArrayList<>();
    Map<Integer, String> notes = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    Set<String> open = new HashSet<>();
    if (e.stoppedAt() != null) {
      open.addAll(e.openGroups());
    }
    for (int i = 0; i < steps.size(); i++) {
      StepRecord s = steps.get(i);
      int end = subtreeEnd(steps, i);
      if (fullTable) {
        rows.add(s);
        continue;
      }
      if (s.status() == StepStatus.SKIPPED) {
        skipped.add(s.id());
        i = end - 1;
        continue;
      }
      rows.add(s);
      if (end > i + 1 && !open.contains(s.id())) {
        int inner = end - i - 1;
        long innerSkipped = steps.subList(i + 1, end).stream().filter(x -> x.status() == StepStatus.SKIPPED).count();
        notes.put(rows.size() - 1, inner + (inner == 1 ? " step" : " steps") + (innerSkipped > 0 ? ", " + innerSkipped + " skipped" : ""));
        i = end - 1;
      }
    }
    int idWidth = Math.min(36, rows.stream().mapToInt(s -> s.id().length() + 2 * s.depth()).max().orElse(4));
    print(out, paint("1", pad("step", idWidth + 2) + pad("status", 12) + "duration"));
    for (int r = 0; r < rows.size(); r++) {
      StepRecord s = rows.get(r);
      String note = notes.get(r);
      if (!fullTable && s.depth() > 0 && s.status() == StepStatus.OK && note == null) {
        // inside the group where the run stopped: a run of steps that went well is one line
        int k = r;
        while (k + 1 < rows.size() && rows.get(k + 1).depth() == s.depth() && rows.get(k + 1).status() == StepStatus.OK && notes.get(k + 1) == null) {
          k++;
        }
        if (k - r >= 2) {
          printPlain(out, clipTo(indent(s.depth()) + (k - r + 1) + " steps ok: " + s.id() + " ... " + rows.get(k).id(), width - 1));
          r = k;
          continue;
        }
      }
      String line = pad(indent(s.depth()) + s.id(), idWidth + 2) + pad(s.status().key(), 12) + pad(seconds(s.durationMs()), 8)
          + (note == null ? "" : " (" + note + ")");
      printPlain(out, paintStatus(clipTo(line.stripTrailing(), width - 1), s.status()));
    }
    if (!skipped.isEmpty()) {
      printPlain(out, clipTo(skipped.size() + " skipped: " + String.join(", ", skipped), width - 1));
    }
    if (!fullTable && (!notes.isEmpty() || !skipped.isEmpty())) {
      print(out, paint("2", "(groups folded; --full-table lists every step)"));
    }
  }

  /** The index after the last record nested under record {@code i}. */
  private static int subtreeEnd(List<StepRecord> steps, int i) {
    int j = i + 1;
    while (j < steps.size() && steps.get(j).depth() > steps.get(i).depth()) {
      j++;
    }
    return j;
  }

  private String paintStatus(String line, StepStatus status) {
    if (!color) {
      return line;
    }
    String key = status.key();
    int at = line.indexOf(" " + key + " ");
    return at < 0 ? line : line.substring(0, at + 1) + paint(colour(status), key) + line.substring(at + 1 + key.length());
  }

  void close() {
    synchronized (lock) {
      clearLive();
      if (ticker != null) {
        ticker.shutdownNow();
        ticker = null;
      }
      out.flush();
      err.flush();
    }
  }

  private void startTicker() {
    if (ticker == null) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "runbook-progress");
                t.setDaemon(true);
                return t;
              });
    }
    if (tick == null) {
      tick = ticker.scheduleAtFixedRate(() -> { synchronized (lock) { redraw(); } }, 1, 1, TimeUnit.SECONDS);
    }
  }

  /** Prints a line above the live block, keeping the block under it. */
  private void printAbove(String line) {
    eraseBlock();
    print(out, line);
    redraw();
  }

  private void redraw() {
    if (!live || liveTitle == null) {
      return;
    }
    eraseBlock();
    long ms = (System.nanoTime() - liveStart) / 1_000_000;
    // every line of the block fits in one screen row, or erasing it would leave the wrapped rest behind
    String time = "  " + seconds(ms);
    // masked before it is cut: a cut must not leave the start of a secret
    String head = clipTo(masker.mask(liveIndent + ".. " + liveTitle.replace('\t', ' ')), width - 1 - time.length());
    print(out, liveIndent + paint("36", "..") + head.substring(Math.min(head.length(), liveIndent.length() + 2)) + paint("2", time));
    int n = 1;
    for (String l : tail) {
      print(out, paint("2", clipTo(masker.mask(liveIndent + "   " + l.replace('\t', ' ')), width - 1)));
      n++;
    }
    drawn = n;
  }

  private void eraseBlock() {
    if (live && drawn > 0) {
      // move to the first line of the block, then clear to the end of the screen
      out.print("\033[" + drawn + "F\033[J");
      drawn = 0;
    }
  }

  private void clearLive() {
    eraseBlock();
    liveTitle = null;
    tail.clear();
    if (tick != null) {
      tick.cancel(false);
      tick = null;
    }
    out.flush();
  }

  private void print(PrintWriter w, String line) {
    w.println(masker.mask(line));
    w.flush();
  }

  /**
   * A line made of ids, paths, statuses and durations, its text (a title) masked by the caller:
   * printed as it is, field by field as the journal is, so that a short secret ({@code x}) cannot
   * change a run id, a step id or the command that continues the run.
   */
  private void printPlain(PrintWriter w, String line) {
    w.println(line);
    w.flush();
  }

  /** At most {@code max} characters (code points), the last one {@code ~} when something was cut. */
  static String clipTo(String line, int max) {
    String l = line.replaceAll("\\p{Cntrl}", " ");
    if (l.codePointCount(0, l.length()) <= max) {
      return l;
    }
    int cut = l.offsetByCodePoints(0, Math.max(0, max - 1));
    return l.substring(0, cut) + "~";
  }

  private String mark(StepStatus s) {
    String symbol;
    switch (s) {
      case OK: symbol = "ok"; break;
      case FAILED: symbol = "FAILED"; break;
      case SKIPPED: symbol = "skipped"; break;
      case WOULD_RUN: symbol = "would run"; break;
      case DECLINED: symbol = "declined"; break;
      case ABORTED: symbol = "ABORTED"; break;
      default: symbol = "INTERRUPTED"; break;
    }
    return paint(colour(s), symbol);
  }

  private static String colour(StepStatus s) {
    switch (s) {
      case OK: return "32";
      case FAILED: case ABORTED: case INTERRUPTED: return "31";
      default: return "33";
    }
  }

  private String paint(String code, String text) {
    return color ? "\033[" + code + "m" + text + RESET : text;
  }

  private static String indent(int depth) {
    return "  ".repeat(depth);
  }

  private static String pad(String s, int n) {
    return s.length() >= n ? s + " " : s + " ".repeat(n - s.length());
  }

  /** {@code 4.2s}, {@code 3m05s}: how durations are shown in the summary and the reports. */
  public static String seconds(long millis) {
    // by hand: a Formatter's first uses cost more than a whole step (docs/performance.md)
    if (millis < 60_000) {
      long tenths = (Math.max(0, millis) + 50) / 100; // %.1f rounds half up
      return tenths / 10 + "." + tenths % 10 + "s";
    }
    long s = (millis / 1000) % 60;
    return millis / 60_000 + "m" + (s < 10 ? "0" : "") + s + "s";
  }
}
