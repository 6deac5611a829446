package runbook.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * The width of the operator's terminal, asked of the terminal itself ({@code stty size} on
 * {@code /dev/tty}), not of {@code $COLUMNS}, which shells do not export; and asked again whenever
 * the terminal is resized (SIGWINCH).
 */
final class TerminalSize {
  private static final File TTY = new File("/dev/tty");

  private TerminalSize() {}

  /** The terminal's columns; 0 when it cannot be read (no controlling terminal, no {@code stty}). */
  static int columns() {
    try {
      Process p = new ProcessBuilder("stty", "size")
          .redirectInput(ProcessBuilder.Redirect.from(TTY))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return 0;
      }
      String[] rowsCols = answer.split("\\s+");
      return rowsCols.length == 2 ? Integer.parseInt(rowsCols[1]) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Tells {@code resized} the new width after every resize, for as long as the engine runs. */
  static void watch(IntConsumer resized) {
    try {
      Signal.handle(new Signal("WINCH"), s -> {
        int cols = columns();
        if (cols > 0) {
          resized.accept(cols);
        }
      });
    } catch (IllegalArgumentException e) {
      // a platform without SIGWINCH: the width stays as it was at the start
    }
  }
}
