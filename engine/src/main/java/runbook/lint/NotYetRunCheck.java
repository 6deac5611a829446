package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.diag.Rule;

/** A step's result read where that step cannot have run yet: a run-time error on every path. */
final class NotYetRunCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule("not-yet-run", Severity.ERROR, "a step's result is read where the step may not have run yet",
          Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (ResultUse use : lint.resultUses()) {
      Flow.Known known = use.at().known().get(use.read().id());
      StepRead r = use.read();
      if (known == null) {
        out.add(RULE.at(r.span(), r.describe() + " is read before step `" + r.id() + "` runs",
            "move this step after `" + r.id() + "`, or read a step that runs earlier"));
      } else if (known.kind() == Flow.Kind.MAYBE_ABSENT) {
        out.add(RULE.at(r.span(), r.describe() + " is read where step `" + r.id()
                + "` may not have run: it is a `fix` or `on-failure` step, or follows a failure that"
                + " `continue-on-error` let through",
            "read it only inside the same `fix`/`on-failure` list, or in a step that always follows it"));
      }
    }
  }
}
