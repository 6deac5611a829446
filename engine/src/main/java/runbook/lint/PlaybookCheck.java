package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Rule;

/** A check over one parsed playbook; it reports findings of its one {@link #rule()}. */
public interface PlaybookCheck {
  Rule rule();

  void check(PlaybookLint lint, List<Diagnostic> out);
}
