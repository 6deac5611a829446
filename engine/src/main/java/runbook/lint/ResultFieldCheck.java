package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Rule;

/** {@code unknown-field} and {@code unknown-column}: one check per rule over the reads {@link ResultReads} finds once. */
final class ResultFieldCheck implements PlaybookCheck {
  private final Rule rule;

  ResultFieldCheck(Rule rule) {
    this.rule = rule;
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Diagnostic d : lint.resultReads()) {
      if (d.rule().equals(rule.id())) {
        out.add(d);
      }
    }
  }
}
