package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Rule;

/**
 * What the expression engine finds in every expression and template without evaluating it, under
 * the engine's own rule id: one instance per id ({@code expr-syntax}, {@code expr-sandbox}, ...).
 */
final class ExprCheck implements PlaybookCheck {
  private final Rule rule;

  ExprCheck(Rule rule) {
    this.rule = rule;
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Diagnostic d : lint.exprDiagnostics()) {
      if (d.rule().equals(rule.id())) {
        out.add(rule.at(d.span(), d.message(), d.hint()));
      }
    }
  }
}
