package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;

/** Expressions that try more than reading values and calling the engine's functions. */
final class ExprSandboxCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule(
          "expr-sandbox",
          Severity.ERROR,
          "an expression assigns, loops, creates objects or calls Java methods, which the sandbox forbids");

  @Override
  public Rule rule() {
    return RULE;
  }

  static boolean isSandbox(Diagnostic d) {
    return d.rule().contains("sandbox");
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Diagnostic d : lint.exprDiagnostics()) {
      if (isSandbox(d)) {
        out.add(RULE.at(d.span(), d.message(), d.hint()));
      }
    }
  }
}
