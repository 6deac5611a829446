package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;

/** A check over one parsed playbook; it reports findings of its one {@link #rule()}. */
public interface PlaybookCheck {
  Rule rule();

  void check(PlaybookLint lint, List<Diagnostic> out);
}
