package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Rule;

/** A check over one rehearsal scenario and the playbook it rehearses; it reports findings of its one {@link #rule()}. */
public interface ScenarioCheck {
  Rule rule();

  void check(ScenarioLint lint, List<Diagnostic> out);
}
