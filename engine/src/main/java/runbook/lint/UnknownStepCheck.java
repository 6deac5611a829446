package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.Ref;
import runbook.model.Step;

/** An {@code of} (of an assertion, a table or a probe) that names no step of the playbook. */
final class UnknownStepCheck implements PlaybookCheck {
  static final Rule RULE = new Rule("unknown-step", Severity.ERROR, "`of` names a step id that does not exist");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Step s : lint.steps().values()) {
      for (Ref ref : Refs.of(s)) {
        if (!lint.steps().containsKey(ref.id())) {
          out.add(RULE.at(ref.span(), "no step has the id `" + ref.id() + "`",
              Hints.didYouMean(ref.id(), lint.steps().keySet())));
        }
      }
    }
  }
}
