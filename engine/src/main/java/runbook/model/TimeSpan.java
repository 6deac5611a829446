package runbook.model;

import java.time.Duration;
import java.util.Objects;

/** A duration as written ({@code 90s}, {@code 10m}, {@code 2h}), kept with its position. */
public record TimeSpan(Duration duration, String text, SourceSpan span) {
  public TimeSpan {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(span, "span");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a duration must be positive: " + text);
    }
  }
}
