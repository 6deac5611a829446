package runbook.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import runbook.exec.RunResult;
import runbook.exec.StepRecord;
import runbook.exec.StepStatus;

/** Compares a finished run with a scenario's {@code expect}; every mismatch becomes one line. */
public final class ExpectationCheck {
  private ExpectationCheck() {}

  /**
   * @param steps the run's step records, in order
   * @param commands every command line the scenario host was asked to run, in order
   * @return the mismatches; empty when the run meets every expectation
   */
  public static List<String> check(Expectation expect, RunResult.Outcome outcome, String message, List<StepRecord> steps,
      List<String> commands) {
    List<String> problems = new ArrayList<>();
    if (expect.outcome() != null && !expect.outcome().equals(outcome.key())) {
      problems.add("expected the run to be " + expect.outcome() + ", it " + describe(outcome)
          + (message == null ? "" : ": " + message));
    }
    order(expect.ran(), steps, problems);
    for (String id : expect.skipped()) {
      Optional<StepRecord> r = last(steps, id);
      if (r.isEmpty()) {
        problems.add("step `" + id + "` should have been skipped, but the run never reached it");
      } else if (r.get().status() != StepStatus.SKIPPED) {
        problems.add("step `" + id + "` should have been skipped, but its status is " + r.get().status().key());
      }
    }
    for (CommandPattern p : expect.commands()) {
      if (commands.stream().noneMatch(p::matches)) {
        problems.add("no command matched `" + p.text() + "`");
      }
    }
    for (CommandPattern p : expect.never()) {
      commands.stream().filter(p::matches).findFirst()
          .ifPresent(c -> problems.add("`" + c + "` ran, but `expect.never` has `" + p.text() + "`"));
    }
    return problems;
  }

  /** {@code ran} must be a subsequence of the steps that ran (whatever their result). */
  private static void order(List<String> expected, List<StepRecord> steps, List<String> problems) {
    int next = 0;
    String previous = null;
    for (String id : expected) {
      int found = -1;
      for (int i = next; i < steps.size(); i++) {
        if (steps.get(i).id().equals(id) && ran(steps.get(i))) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        Optional<StepRecord> any = last(steps, id);
        if (any.isEmpty()) {
          problems.add("step `" + id + "` should have run, but the run never reached it");
        } else if (!ran(any.get())) {
          problems.add("step `" + id + "` should have run, but it was " + any.get().status().key());
        } else {
          problems.add("step `" + id + "` ran, but not after `" + previous + "`");
        }
        return;
      }
      next = found + 1;
      previous = id;
    }
  }

  private static boolean ran(StepRecord r) {
    return r.status() != StepStatus.SKIPPED && r.status() != StepStatus.WOULD_RUN;
  }

  private static Optional<StepRecord> last(List<StepRecord> steps, String id) {
    Optional<StepRecord> out = Optional.empty();
    for (StepRecord r : steps) {
      if (r.id().equals(id)) {
        out = Optional.of(r);
      }
    }
    return out;
  }

  private static String describe(RunResult.Outcome outcome) {
    switch (outcome) {
      case SUCCEEDED: return "succeeded";
      case FAILED: return "failed";
      case ABORTED: return "was aborted";
      default: return "was interrupted";
    }
  }
}
