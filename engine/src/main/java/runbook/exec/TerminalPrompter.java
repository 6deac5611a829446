package runbook.exec;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Asks on a terminal: the prompt goes to {@code out}, the answer is one line read from {@code in}. */
public final class TerminalPrompter implements Prompter {
  private static final String CLOSED = new String("closed");

  private final BufferedReader in;
  private final PrintWriter out;
  private final String terminal;
  private final Interruption interruption;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private Thread reader;

  /**
   * @param interruption Ctrl-C while a question waits ends the wait (a blocking read cannot be
   *     interrupted, so lines are read on a separate thread)
   */
  public TerminalPrompter(BufferedReader in, PrintWriter out, String terminal, Interruption interruption) {
    this.in = in;
    this.out = out;
    this.terminal = terminal;
    this.interruption = interruption;
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

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public String terminal() {
    return terminal;
  }

  @Override
  public boolean confirm(String prompt, String typeToConfirm) throws IOException {
    out.println();
    out.println(prompt.strip());
    if (typeToConfirm != null) {
      out.print("type `" + typeToConfirm + "` to approve, anything else declines: ");
      out.flush();
      return typeToConfirm.equals(readLine());
    }
    while (true) {
      out.print("approve? [yes/no]: ");
      out.flush();
      String answer = readLine().strip().toLowerCase(java.util.Locale.ROOT);
      if (answer.equals("yes") || answer.equals("y")) {
        return true;
      }
      if (answer.equals("no") || answer.equals("n")) {
        return false;
      }
      out.println("answer yes or no");
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
      String answer = readLine().strip().toLowerCase(java.util.Locale.ROOT);
      switch (answer) {
        case "r": case "run": return StepChoice.RUN;
        case "s": case "skip": return StepChoice.SKIP;
        case "q": case "quit": return StepChoice.QUIT;
        default: out.println("answer r, s or q");
      }
    }
  }

  private String readLine() throws IOException {
    if (reader == null) {
      reader = new Thread(this::readAll, "runbook-terminal");
      reader.setDaemon(true);
      reader.start();
    }
    try {
      while (true) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (interruption.requested()) {
          throw new InterruptedIOException("interrupted while waiting for an answer");
        }
        if (line == CLOSED) {
          lines.add(CLOSED);
          throw new EOFException("the terminal closed before an answer was given");
        }
        if (line != null) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for an answer");
    }
  }

  private void readAll() {
    try {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // a terminal that fails to read is a closed terminal: the question stays unanswered
    }
    lines.add(CLOSED);
  }
}
