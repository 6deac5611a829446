package runbook.exec;

import runbook.model.GroupStep;

/** A group: its steps in order; it fails when one of them fails (and does not continue on error). */
final class GroupExecutor implements ActionExecutor<GroupStep> {
  private final StepRunner steps;

  GroupExecutor(StepRunner steps) {
    this.steps = steps;
  }

  @Override
  public StepResult execute(GroupStep step, int depth, int attempt) {
    String failed = steps.runAll(step.steps(), depth + 1);
    return failed == null
        ? StepResult.of(StepStatus.OK, java.util.Map.of(), null)
        : StepResult.failed("step `" + failed + "` failed");
  }

  @Override
  public String preview(GroupStep step) {
    return "would run its steps: " + step.steps().stream().map(s -> s.id()).collect(java.util.stream.Collectors.joining(", "));
  }
}
