package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;

/** Expressions and templates that the expression engine cannot compile. */
final class ExprSyntaxCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule("expr-syntax", Severity.ERROR, "an expression or a `${...}` template does not compile");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Diagnostic d : lint.exprDiagnostics()) {
      if (!ExprSandboxCheck.isSandbox(d)) {
        out.add(RULE.at(d.span(), d.message(), d.hint()));
      }
    }
  }
}
