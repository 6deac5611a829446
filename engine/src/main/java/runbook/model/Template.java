package runbook.model;

import java.util.Objects;

/**
 * A string that may contain {@code ${...}} templates ({@code $${} writes a literal {@code ${}).
 *
 * @param text the scalar's value
 * @param span where the value's first character stands in the file (after an opening quote)
 */
public record Template(String text, SourceSpan span) {
  public Template {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(span, "span");
  }

  /** True when the text holds at least one {@code ${...}} to expand. */
  public boolean hasPlaceholders() {
    return text.replace("$${", "").contains("${");
  }
}
