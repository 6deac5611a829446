package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.Retry;
import runbook.model.Step;
import runbook.diag.Rule;

/**
 * A {@code retry} that cannot end early: its {@code until} does not read the step's own result, so
 * running the step again cannot change the answer; or so many attempts that the run looks hung.
 */
final class EndlessRetryCheck implements PlaybookCheck {
  /** More attempts than this is a loop, not a retry: wait with a {@code require-state} instead. */
  static final int MAX_ATTEMPTS = 100;

  static final Rule RULE =
      new Rule(
          "endless-retry",
          Severity.ERROR,
          "a `retry` whose `until` cannot change between attempts, or with more than " + MAX_ATTEMPTS
              + " attempts", Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Step s : lint.steps().values()) {
      Retry retry = s.info().retry();
      if (retry == null) {
        continue;
      }
      if (retry.until() != null && !readsOwnResult(lint, s, retry)) {
        out.add(RULE.at(retry.until().span(), "`until` does not read `" + s.id() + "`, so another attempt"
                + " cannot change it: it holds at once or never",
            "make `until` test this step's result, e.g. `" + s.id() + ".exit == 0`"));
      }
      if (retry.attempts() > MAX_ATTEMPTS) {
        out.add(RULE.at(retry.span(), retry.attempts() + " attempts: more than " + MAX_ATTEMPTS
                + " looks like an endless loop",
            "use fewer attempts with a `delay`, or a `require-state` with `wait: {timeout: ...}`"));
      }
    }
  }

  private static boolean readsOwnResult(PlaybookLint lint, Step s, Retry retry) {
    Site until = new Site(s, "retry.until", retry.until(), null, java.util.Set.of(), false, true);
    return lint.stepReads(until).stream().anyMatch(r -> r.id().equals(s.id()));
  }
}
