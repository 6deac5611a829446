package runbook.lint;

import java.util.Objects;
import java.util.regex.Pattern;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.SourceSpan;

/**
 * A lint rule as data: a stable id (what {@code --disable} and {@code # runbook-lint: disable=}
 * name), a severity and a one-line summary. {@code docs/lint-rules.md} has a section per id.
 *
 * @param id lower case words joined by {@code -}
 * @param severity what every finding of this rule is
 * @param summary one line, shown in SARIF output and checked against the docs
 */
public record Rule(String id, Severity severity, String summary) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public Rule {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a rule id is lower-case words joined by '-': " + id);
    }
  }

  /** A finding of this rule at {@code span}. */
  public Diagnostic at(SourceSpan span, String message) {
    return new Diagnostic(severity, id, message, span, null);
  }

  /** A finding of this rule at {@code span}, with a hint on how to fix it. */
  public Diagnostic at(SourceSpan span, String message, String hint) {
    return new Diagnostic(severity, id, message, span, hint);
  }
}
