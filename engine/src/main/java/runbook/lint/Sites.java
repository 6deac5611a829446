package runbook.lint;

import java.util.ArrayList;
import java.util.List;
import runbook.model.Evaluated;
import runbook.model.Playbook;
import runbook.model.Step;

/**
 * Every expression and template of a playbook as a {@link Site}, in file order. Which strings a step
 * evaluates is the model's answer ({@link Step#evaluated()}, {@link Playbook#evaluated()}); lint only
 * ties each to its step.
 */
final class Sites {
  private Sites() {}

  static List<Site> of(Playbook playbook) {
    List<Site> out = new ArrayList<>();
    for (Evaluated e : playbook.evaluated()) {
      out.add(site(null, e));
    }
    for (Step s : playbook.allSteps()) {
      for (Evaluated e : s.evaluated()) {
        out.add(site(s, e));
      }
    }
    return List.copyOf(out);
  }

  static Site site(Step step, Evaluated e) {
    return new Site(step, e.key(), e.expr(), e.template(), e.locals(), e.printed(), e.readsOwnResult());
  }
}
