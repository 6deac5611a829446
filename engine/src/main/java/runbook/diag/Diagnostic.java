package runbook.diag;

import java.util.Objects;
import runbook.model.SourceSpan;

/**
 * One finding about an input file: what is wrong, where, and how to fix it. Made by
 * {@link Rule#at}, so every finding is under a rule that {@code runbook.lint.LintRules} lists.
 *
 * @param severity error, warning or info
 * @param rule a stable id ({@code unknown-key}, {@code yaml-syntax}, ...) that lint can disable
 * @param message lower case, specific: what was expected and what was found
 * @param span where; never null
 * @param hint how to fix it ("did you mean `assert-output`?"); null for none
 */
public record Diagnostic(Severity severity, String rule, String message, SourceSpan span, String hint)
    implements Comparable<Diagnostic> {
  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(span, "span");
  }

  public Diagnostic withHint(String newHint) {
    return new Diagnostic(severity, rule, message, span, newHint);
  }

  /** Sorted by file, then position, then rule. */
  @Override
  public int compareTo(Diagnostic o) {
    int c = span.file().compareTo(o.span.file());
    if (c == 0) c = Integer.compare(span.line(), o.span.line());
    if (c == 0) c = Integer.compare(span.column(), o.span.column());
    if (c == 0) c = rule.compareTo(o.rule);
    return c;
  }
}
