package runbook.state;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** Asks on the terminal what to do with a change that was interrupted: re-run, mark as done, or abort. */
public final class TerminalDecider implements RunPreparer.Decider {
  private final boolean interactive;
  private final BufferedReader in;
  private final PrintWriter out;

  /**
   * @param interactive false without a terminal or with {@code --non-interactive}: then nothing is
   *     asked and the resume needs {@code --rerun-interrupted} or {@code --mark-done}
   */
  public TerminalDecider(boolean interactive, BufferedReader in, PrintWriter out) {
    this.interactive = interactive;
    this.in = in;
    this.out = out;
  }

  @Override
  public boolean interactive() {
    return interactive;
  }

  @Override
  public RunPreparer.Decision decide(String stepId, String title) throws IOException {
    out.println();
    out.println("step `" + stepId + "` (" + title + ") changes the system and was running when the run stopped;");
    out.println("it may or may not have done its work. Check the system, then choose:");
    while (true) {
      out.print("[r]e-run it, [m]ark it as done, or [a]bort? ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        throw new EOFException("the terminal closed before an answer was given");
      }
      switch (line.strip().toLowerCase(Locale.ROOT)) {
        case "r": case "rerun": case "re-run": return RunPreparer.Decision.RERUN;
        case "m": case "mark": case "done": return RunPreparer.Decision.MARK_DONE;
        case "a": case "abort": return RunPreparer.Decision.ABORT;
        default: out.println("answer r, m or a");
      }
    }
  }
}
