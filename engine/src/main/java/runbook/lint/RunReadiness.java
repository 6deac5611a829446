package runbook.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import runbook.diag.Diagnostic;
import runbook.expr.ExprEngine;
import runbook.model.Playbook;

/**
 * What a run checks before its first step, beyond what the parser already refused: every
 * expression and template compiles, stays inside the sandbox, and names only what exists. Otherwise
 * a typo in the swap step would surface only after the pool had been taken offline.
 */
public final class RunReadiness {
  private static final Set<String> BLOCKING =
      Set.of("expr-syntax", "expr-sandbox", "expr-undefined", "undefined-name", "shell-template");

  private RunReadiness() {}

  /** The findings that make the playbook unfit to start; empty when it may run. */
  public static List<Diagnostic> problems(Playbook playbook, ExprEngine engine) {
    PlaybookLint lint = new PlaybookLint(playbook, () -> engine);
    List<Diagnostic> out = new ArrayList<>();
    for (PlaybookCheck check : LintRules.playbookChecks()) {
      if (BLOCKING.contains(check.rule().id())) {
        check.check(lint, out);
      }
    }
    out.sort(null);
    return out;
  }
}
