package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.expr.ExprEngine;
import runbook.model.Command;
import runbook.diag.Rule;

/**
 * Every command line that runs without a shell, split into words exactly as the engine will split
 * it: an unclosed quote or a trailing backslash would otherwise fail only when the run reaches the
 * step.
 */
final class CommandQuotingCheck implements PlaybookCheck {
  static final Rule RULE = new Rule("command-syntax", Severity.ERROR,
      "a command line that cannot be split into words: an unclosed quote or a trailing backslash",
      Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Command c : lint.commands()) {
      if (c.line() != null && !c.shell()) {
        Diagnostic d = ExprEngine.quoting(c.line(), RULE.id());
        if (d != null) {
          out.add(d);
        }
      }
    }
  }
}
