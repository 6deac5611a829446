package runbook.parse;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as playbooks write them: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1h30m}. */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * The positive duration {@code text} names.
   *
   * @throws IllegalArgumentException naming what was found and what is accepted
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "not a duration: `" + text + "` (expected a number and a unit ms, s, m, h or d, e.g. 500ms, 90s, 10m, 2h)");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total = total.plus(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("duration too long: `" + text + "`", e);
    }
    if (total.isZero()) {
      throw new IllegalArgumentException("a duration must be longer than zero: `" + text + "`");
    }
    return total;
  }
}
