package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.diag.Suggestions;
import runbook.model.ConfirmStep;
import runbook.model.OnDecline;
import runbook.model.Step;
import runbook.diag.Rule;

/**
 * {@code confirmed-by}: the playbook states that a change must be guarded by a typed confirmation.
 * The guard must exist, be a {@code confirm} with {@code type-to-confirm} that aborts on decline, and
 * have run (approved) on every path to the step. A variant that removes the confirm, drops its
 * typed text, lets a decline go on, or moves it behind a condition the step does not share, is
 * refused by lint and by the run, not left to luck.
 */
final class GuardCheck implements PlaybookCheck {
  static final Rule RULE = new Rule("guard-weakened", Severity.ERROR,
      "a step's `confirmed-by` guard is missing, not a typed confirm that aborts on decline, or not passed on every path",
      Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Step s : lint.steps().values()) {
      if (s.info().confirmedBy() == null) {
        continue;
      }
      String id = s.info().confirmedBy().id();
      Step guard = lint.steps().get(id);
      String problem;
      String hint;
      if (guard == null) {
        problem = "no step has the id `" + id + "`";
        hint = java.util.Objects.requireNonNullElse(Suggestions.didYouMean(id, lint.steps().keySet()),
            "keep the confirm, or replace it with a confirm of the same id that asks to type a text");
      } else if (!(guard instanceof ConfirmStep c)) {
        problem = "`" + id + "` is a `" + guard.action() + "` step, not a `confirm`";
        hint = "point `confirmed-by` at the confirm that approves this change";
      } else if (c.typeToConfirm() == null) {
        problem = "`" + id + "` has no `type-to-confirm`: a plain yes is too easy for this change";
        hint = "keep `type-to-confirm` on `" + id + "` (the operator types, for example, the pool's name)";
      } else if (c.onDecline() != OnDecline.ABORT) {
        problem = "`" + id + "` goes on when declined (`on-decline: " + c.onDecline().key() + "`)";
        hint = "use `on-decline: abort` so that declining stops the run before this step";
      } else if (!passed(lint, s, id)) {
        problem = "`" + id + "` is not approved on every path that reaches this step";
        hint = "put the confirm right before the step, under the same conditions";
      } else {
        continue;
      }
      out.add(RULE.at(s.info().confirmedBy().span(), "step `" + s.id() + "` must be confirmed by typing: " + problem, hint));
    }
  }

  private static boolean passed(PlaybookLint lint, Step s, String id) {
    Flow.Point at = lint.flow().entry(s);
    Flow.Known k = at.known().get(id);
    if (k == null || k.kind() == Flow.Kind.MAYBE_ABSENT) {
      return false;
    }
    return k.kind() == Flow.Kind.RAN || PlaybookLint.implied(PlaybookLint.facts(at.guards()), k.causes());
  }
}
