package runbook.model;

import java.util.Objects;

/**
 * {@code retry: {attempts, delay, until}}: run the step again until {@code until} holds, or until it
 * succeeds when {@code until} is absent.
 *
 * @param attempts total attempts, at least 1
 * @param delay pause between attempts; null for none
 * @param until condition that ends the retries; null means "until the step succeeds"
 */
public record Retry(int attempts, TimeSpan delay, Expr until, SourceSpan span) {
  public Retry {
    Objects.requireNonNull(span, "span");
  }
}
