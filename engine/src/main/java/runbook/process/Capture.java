package runbook.process;

import java.util.Objects;

/**
 * What is kept in memory of one output stream.
 *
 * @param text the first bytes of the stream, decoded as UTF-8 (invalid bytes become U+FFFD)
 * @param truncated true when the stream wrote more than was kept: expressions must not treat
 *     {@code text} as the whole output
 */
public record Capture(String text, boolean truncated) {
  public static final Capture EMPTY = new Capture("", false);

  public Capture {
    Objects.requireNonNull(text, "text");
  }
}
