package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.GroupStep;
import runbook.model.Step;
import runbook.diag.Rule;

/** A step that changes the system without a {@code doc}: the operator cannot tell why, or what to do when it fails. */
final class UndocumentedChangeCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule("undocumented-change", Severity.WARNING, "a step that changes the system has no `doc`",
          Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Step s : lint.steps().values()) {
      if (!(s instanceof GroupStep) && s.changes()
          && (s.info().doc() == null || s.info().doc().text().isBlank())) {
        out.add(RULE.at(s.info().span(), "step `" + s.id() + "` changes the system but has no `doc`",
            "add `doc:` saying why the step exists and what to do when it fails"));
      }
    }
  }
}
