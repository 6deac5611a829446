package runbook.model;

import java.util.List;
import java.util.Objects;

/** A group: {@code steps:} instead of an action; its {@code when} skips the whole group. */
public record GroupStep(StepInfo info, List<Step> steps) implements Step {
  public GroupStep {
    Objects.requireNonNull(info, "info");
    steps = List.copyOf(steps);
  }

  @Override
  public String action() {
    return "steps";
  }

  @Override
  public List<Step> children() {
    return Step.concat(steps, info.onFailure());
  }

  @Override
  public List<Evaluated> evaluated() {
    return Evaluated.common(info).build();
  }

  @Override
  public <R> R accept(StepVisitor<R> visitor) {
    return visitor.visitGroup(this);
  }
}
