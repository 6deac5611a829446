package runbook.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import runbook.model.SourceSpan;

/**
 * Collects the findings of one check (a parse, a lint pass) so that all of them are reported
 * together instead of stopping at the first.
 */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(List<Diagnostic> diagnostics) {
    items.addAll(diagnostics);
  }

  /** A finding of {@code rule} (of the parser or the variant resolver: an error). */
  public void error(Rule rule, SourceSpan span, String message) {
    items.add(rule.at(span, message));
  }

  /** A finding of {@code rule} with a fix; {@code hint} may be null. */
  public void error(Rule rule, SourceSpan span, String message, String hint) {
    items.add(rule.at(span, message, hint));
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /** Every finding so far, sorted by position. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(items);
    Collections.sort(copy);
    return List.copyOf(copy);
  }

  /** Throws with every finding, sorted, when at least one is an error. */
  public void throwIfErrors() throws InvalidInputException {
    if (hasErrors()) {
      throw new InvalidInputException(sorted());
    }
  }
}
