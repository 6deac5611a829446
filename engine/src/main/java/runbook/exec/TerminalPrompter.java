package runbook.exec;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Asks on a terminal: the prompt goes to {@code out}, the answer is one line read from {@code in}. */
public final class TerminalPrompter implements Prompter {
  private final BufferedReader in;
  private final PrintWriter out;
  private final String terminal;

  public TerminalPrompter(BufferedReader in, PrintWriter out, String terminal) {
    this.in = in;
    this.out = out;
    this.terminal = terminal;
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
    String line = in.readLine();
    if (line == null) {
      throw new EOFException("the terminal closed before an answer was given");
    }
    return line;
  }
}
