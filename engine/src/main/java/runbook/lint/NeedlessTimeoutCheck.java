package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.GroupStep;
import runbook.model.Step;
import runbook.model.TimeSpan;
import runbook.diag.Rule;

/**
 * A {@code timeout} on a step that runs no command (a confirm, an assertion on another step's
 * output): nothing is ever killed by it, so the author's intent (bound this part of the procedure)
 * silently does not happen.
 */
final class NeedlessTimeoutCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule("needless-timeout", Severity.WARNING, "a `timeout` on a step that runs no command",
          Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Step s : lint.steps().values()) {
      TimeSpan timeout = s.info().timeout();
      if (timeout != null && !(s instanceof GroupStep) && s.commands().isEmpty()) {
        out.add(RULE.at(timeout.span(), "`timeout` has no effect: step `" + s.id() + "` runs no command",
            "remove it; to bound several steps, put them in a group and give the group the timeout"));
      }
    }
  }
}
