package runbook.exec;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Asks the operator. The prompt goes to the terminal ({@code out}); the answer is the first line
 * that comes, from the terminal ({@code in}) or from {@code runbook attach} through the run's
 * {@link ControlChannel} ({@link #offer}). A run without a terminal ({@code --detach}) or whose
 * terminal hung up (SIGHUP: the SSH session dropped) waits for an answer from {@code attach}.
 */
public final class TerminalPrompter implements Prompter {
  /** One answer and whom to tell when it is not one of the accepted ones. */
  private record Answer(String text, String by, Consumer<String> reply) {}

  private static final Answer CLOSED = new Answer("", "terminal", m -> {});

  private final BufferedReader in;
  private final PrintWriter out;
  private final String terminal;
  private final Interruption interruption;
  private final BlockingQueue<Answer> lines = new LinkedBlockingQueue<>();
  private volatile boolean hungUp;
  private volatile boolean asking;
  private volatile String answeredBy = "terminal";
  private Thread reader;
  private long closedSince;

  /** How long the end of the terminal's input waits for the SIGHUP that may come with it. */
  private static final long HANGUP_GRACE_NANOS = 500_000_000L;

  /**
   * @param in the terminal; null when there is none (a detached run): only {@code attach} answers
   * @param interruption Ctrl-C while a question waits ends the wait (a blocking read cannot be
   *     interrupted, so lines are read on a separate thread)
   */
  public TerminalPrompter(BufferedReader in, PrintWriter out, String terminal, Interruption interruption) {
    this.in = in;
    this.out = out;
    this.terminal = terminal;
    this.interruption = interruption;
    this.hungUp = in == null;
  }

  /** The device name of the engine's controlling terminal, or {@code none}. */
  public static String currentTerminal() {
    try {
      Path tty = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
      return tty.toString().startsWith("/dev/") ? tty.toString() : "none";
    } catch (IOException | UnsupportedOperationException e) {
      return "none";
    }
  }

  /**
   * The terminal is gone (SIGHUP): from now on a question waits for {@code runbook attach}
   * instead of ending unanswered when the terminal's input closes.
   */
  public void hangUp() {
    hungUp = true;
  }

  /**
   * An answer from {@code runbook attach}; {@code reply} is told when it is not accepted.
   *
   * @return false when no question is waiting
   */
  public boolean offer(String text, String by, Consumer<String> reply) {
    if (!asking) {
      return false;
    }
    lines.add(new Answer(text, by, reply));
    return true;
  }

  /** Whether a question waits for its answer. */
  public boolean asking() {
    return asking;
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public String terminal() {
    return terminal;
  }

  @Override
  public String answeredBy() {
    return answeredBy;
  }

  @Override
  public boolean confirm(String prompt, String typeToConfirm) throws IOException {
    out.println();
    out.println(prompt.strip());
    if (typeToConfirm != null) {
      out.print("type `" + typeToConfirm + "` to approve, anything else declines: ");
      out.flush();
      return typeToConfirm.equals(readLine().text());
    }
    while (true) {
      out.print("approve? [yes/no]: ");
      out.flush();
      Answer a = readLine();
      String answer = a.text().strip().toLowerCase(Locale.ROOT);
      if (answer.equals("yes") || answer.equals("y")) {
        return true;
      }
      if (answer.equals("no") || answer.equals("n")) {
        return false;
      }
      out.println("answer yes or no");
      if (!a.by().equals("terminal")) {
        a.reply().accept("answer yes or no");
      }
    }
  }

  @Override
  public StepChoice beforeStep(String id, String title, String doc) throws IOException {
    out.println();
    out.println("next step `" + id + "`: " + title);
    if (doc != null && !doc.isBlank()) {
      doc.strip().lines().forEach(l -> out.println("  " + l));
    }
    while (true) {
      out.print("[r]un, [s]kip or [q]uit? ");
      out.flush();
      Answer a = readLine();
      switch (a.text().strip().toLowerCase(Locale.ROOT)) {
        case "r": case "run": return StepChoice.RUN;
        case "s": case "skip": return StepChoice.SKIP;
        case "q": case "quit": return StepChoice.QUIT;
        default:
          out.println("answer r, s or q");
          a.reply().accept("answer r, s or q");
      }
    }
  }

  private Answer readLine() throws IOException {
    if (reader == null && in != null) {
      reader = new Thread(this::readAll, "runbook-terminal");
      reader.setDaemon(true);
      reader.start();
    }
    asking = true;
    try {
      while (true) {
        Answer line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (interruption.requested()) {
          throw new InterruptedIOException("interrupted while waiting for an answer");
        }
        if (line == CLOSED || closedSince != 0) {
          // a dropped session closes the input and sends SIGHUP, in either order: the input's
          // end is an unanswered question only when no hangup follows it
          if (hungUp) {
            closedSince = 0;
            continue; // the terminal is gone: attach answers
          }
          if (closedSince == 0) {
            closedSince = System.nanoTime();
          }
          if (System.nanoTime() - closedSince < HANGUP_GRACE_NANOS) {
            if (line != null && line != CLOSED) {
              answeredBy = line.by();
              return line;
            }
            continue;
          }
          lines.add(CLOSED);
          throw new EOFException("the terminal closed before an answer was given");
        }
        if (line != null) {
          answeredBy = line.by();
          return line;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for an answer");
    } finally {
      asking = false;
    }
  }

  private void readAll() {
    try {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(new Answer(line, "terminal", m -> {}));
      }
    } catch (IOException e) {
      // a terminal that fails to read is a closed terminal: the question stays unanswered
    }
    lines.add(CLOSED);
  }
}
