package runbook.model;

import java.util.Objects;

/**
 * A JEXL expression ({@code when}, {@code that}, {@code until}).
 *
 * @param source the expression text
 * @param span where its first character stands in the file; JEXL's own positions are added to it
 */
public record Expr(String source, SourceSpan span) {
  public Expr {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(span, "span");
  }
}
