package runbook.lint;

import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.ConfirmStep;
import runbook.model.GroupStep;
import runbook.model.OnDecline;
import runbook.model.Step;
import runbook.diag.Rule;

/**
 * A step that changes the system must be preceded by an approved confirm on every path that reaches
 * it (the confirm dominates it). A confirm counts when it has run by then and:
 * <ul>
 *   <li>declining aborts the run, and any {@code when} that could skip it also guards the step; or
 *   <li>declining skips ({@code on-decline: skip}) and the step's conditions read its {@code .approved}.
 * </ul>
 */
final class UnconfirmedChangeCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule(
          "unconfirmed-change",
          Severity.WARNING,
          "a step that changes the system is not preceded by an approved `confirm` on every path",
          Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Step s : lint.steps().values()) {
      if (s instanceof GroupStep || !s.changes()) {
        continue;
      }
      Flow.Point at = lint.flow().entry(s);
      if (!confirmed(lint, at)) {
        out.add(RULE.at(s.info().span(), "step `" + s.id() + "` changes the system, but no approved confirm"
                + " comes before it on every path",
            "add a `confirm` step before it, or `changes: false` if it only reads"));
      }
    }
  }

  private static boolean confirmed(PlaybookLint lint, Flow.Point at) {
    for (Map.Entry<String, Flow.Known> e : at.known().entrySet()) {
      if (!(lint.steps().get(e.getKey()) instanceof ConfirmStep confirm)) {
        continue;
      }
      Flow.Known k = e.getValue();
      if (k.kind() == Flow.Kind.MAYBE_ABSENT) {
        continue;
      }
      if (confirm.onDecline() == OnDecline.ABORT) {
        if (k.kind() == Flow.Kind.RAN || PlaybookLint.implied(PlaybookLint.facts(at.guards()), k.causes())) {
          return true;
        }
      } else if (lint.readsField(at.guards(), confirm.id(), "approved")) {
        return true;
      }
    }
    return false;
  }
}
