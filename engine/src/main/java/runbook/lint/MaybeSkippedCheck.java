package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.diag.Rule;

/**
 * Output of a step that a {@code when} may have skipped, read without checking that it ran. Its
 * {@code ok}, {@code failed} and {@code skipped} are always there; the rest is not.
 */
final class MaybeSkippedCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule(
          "maybe-skipped",
          Severity.WARNING,
          "the output of a step that a `when` may skip is read without checking `.ok` or `.skipped`",
          Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (ResultUse use : lint.resultUses()) {
      Flow.Known known = use.at().known().get(use.read().id());
      StepRead r = use.read();
      if (known == null
          || known.kind() != Flow.Kind.MAYBE_SKIPPED
          || r.statusOnly()
          || PlaybookLint.implied(use.facts(), known.causes())
          || use.checksRan(lint)) {
        continue;
      }
      out.add(RULE.at(r.span(), r.describe() + " is read, but step `" + r.id() + "` is skipped when `"
              + known.causes().get(known.causes().size() - 1).source() + "` is false",
          "guard the read with `" + r.id() + ".ok` (or the same `when` as `" + r.id() + "`)"));
    }
  }
}
