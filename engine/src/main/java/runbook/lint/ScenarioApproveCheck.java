package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.diag.Suggestions;
import runbook.model.ConfirmStep;
import runbook.model.Step;
import runbook.diag.Rule;

/** {@code approve} naming a step that is not a {@code confirm}: the answer would never be asked for. */
final class ScenarioApproveCheck implements ScenarioCheck {
  static final Rule RULE =
      new Rule("scenario-approve-not-confirm", Severity.ERROR, "a scenario approves a step that is not a `confirm`",
          Rule.Section.SCENARIO);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(ScenarioLint lint, List<Diagnostic> out) {
    for (String id : lint.scenario().approve()) {
      Step s = lint.steps().get(id);
      if (s != null && !(s instanceof ConfirmStep)) {
        out.add(RULE.at(lint.positionOf("approve", id), "`approve` names `" + id + "`, a `" + s.action()
                + "` step: only a `confirm` is approved",
            Suggestions.didYouMean(id, lint.steps().values().stream()
                .filter(c -> c instanceof ConfirmStep).map(Step::id).toList())));
      }
    }
  }
}
