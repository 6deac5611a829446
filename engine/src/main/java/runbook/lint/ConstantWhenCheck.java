package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.Expr;
import runbook.model.Step;
import runbook.diag.Rule;

/** A {@code when} that reads no name gives the same answer on every run: the step is dead or the condition useless. */
final class ConstantWhenCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule("constant-when", Severity.WARNING, "a `when` reads no name, so it is always true or always false",
          Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Step s : lint.steps().values()) {
      Expr when = s.info().when();
      if (when != null && lint.names(when).isEmpty() && lint.compiles(when)) {
        out.add(RULE.at(when.span(), "`when: " + when.source().strip() + "` does not depend on anything",
            "remove the `when`, or make it read a param, a var or an earlier step's result"));
      }
    }
  }
}
