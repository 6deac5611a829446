package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.diag.Suggestions;
import runbook.diag.Rule;

/** {@code expect.ran}, {@code expect.skipped} or {@code approve} naming a step the playbook does not have. */
final class ScenarioUnknownStepCheck implements ScenarioCheck {
  static final Rule RULE =
      new Rule("scenario-unknown-step", Severity.ERROR, "a scenario names a step id that the playbook does not have",
          Rule.Section.SCENARIO);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(ScenarioLint lint, List<Diagnostic> out) {
    names(lint, "approve", lint.scenario().approve(), out);
    names(lint, "ran", lint.scenario().expect().ran(), out);
    names(lint, "skipped", lint.scenario().expect().skipped(), out);
  }

  private static void names(ScenarioLint lint, String key, List<String> ids, List<Diagnostic> out) {
    for (String id : ids) {
      if (!lint.steps().containsKey(id)) {
        out.add(RULE.at(lint.positionOf(key, id), "`" + key + "` names `" + id + "`, which is not a step of "
                + lint.playbook().file(),
            Suggestions.didYouMean(id, lint.steps().keySet())));
      }
    }
  }
}
