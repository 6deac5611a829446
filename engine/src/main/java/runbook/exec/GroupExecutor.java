package runbook.exec;

import runbook.model.GroupStep;
import runbook.model.TimeSpan;

/**
 * A group: its steps in order; it fails when one of them fails (and does not continue on error).
 * Its {@code timeout} is a deadline for all of them ({@link GroupDeadlines}); its on-failure steps
 * run after it, outside the deadline.
 */
final class GroupExecutor implements ActionExecutor<GroupStep> {
  private final StepRunner steps;
  private final GroupDeadlines deadlines;

  GroupExecutor(StepRunner steps, GroupDeadlines deadlines) {
    this.steps = steps;
    this.deadlines = deadlines;
  }

  @Override
  public StepResult execute(GroupStep step, int depth, int attempt) {
    TimeSpan timeout = step.info().timeout();
    if (timeout == null) {
      return result(steps.runAll(step.steps(), depth + 1));
    }
    deadlines.enter(step.id(), timeout);
    try {
      return result(steps.runAll(step.steps(), depth + 1));
    } finally {
      deadlines.leave();
    }
  }

  private static StepResult result(String failed) {
    return failed == null
        ? StepResult.of(StepStatus.OK, java.util.Map.of(), null)
        : StepResult.failed("step `" + failed + "` failed");
  }

  @Override
  public String preview(GroupStep step) {
    return "would run its steps: " + step.steps().stream().map(s -> s.id()).collect(java.util.stream.Collectors.joining(", "));
  }
}
