package runbook.exec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
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
  private final int width;
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
    this.out = out;
    this.err = err;
    this.live = terminal;
    this.color = terminal && color;
    this.verbosity = verbosity;
    this.width = Math.max(40, width);
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
    print(out, "run " + runId + "  " + runDir);
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
        print(out, indent(depth) + "-- " + id + ": " + title);
      } else if (liveBlock) {
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
        print(out, indent(depth) + (live ? paint("1", title) : "-- " + id + ": " + title));
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
            ? indent(depth) + mark(status) + " " + title + "  " + paint("2", seconds(millis))
            : indent(depth) + pad(status.key(), 10) + id + "  (" + seconds(millis) + ")";
        print(out, head);
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

  void summary(List<StepRecord> steps, String outcome, Path report) {
    synchronized (lock) {
      clearLive();
      if (verbosity != Verbosity.QUIET && !steps.isEmpty()) {
        int idWidth = steps.stream().mapToInt(s -> s.id().length() + 2 * s.depth()).max().orElse(4);
        print(out, "");
        print(out, paint("1", pad("step", idWidth + 2) + pad("status", 12) + "duration"));
        for (StepRecord s : steps) {
          print(out, pad(indent(s.depth()) + s.id(), idWidth + 2) + paint(colour(s.status()), pad(s.status().key(), 12)) + seconds(s.durationMs()));
        }
      }
      print(out, "");
      print(out, outcome);
      if (report != null) {
        print(out, "report: " + report);
      }
    }
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
    print(out, liveIndent + paint("36", "..") + " " + clip(liveTitle) + "  " + paint("2", seconds(ms)));
    int n = 1;
    for (String l : tail) {
      print(out, paint("2", liveIndent + "   " + clip(l)));
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

  private String clip(String line) {
    // masked before it is cut: a cut must not leave the start of a secret
    String l = masker.mask(line).replace('\t', ' ');
    return l.length() > width - 4 ? l.substring(0, width - 5) + "~" : l;
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
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    return String.format(Locale.ROOT, "%dm%02ds", millis / 60_000, (millis / 1000) % 60);
  }
}
