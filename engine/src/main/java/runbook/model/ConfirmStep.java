package runbook.model;

import java.util.Objects;

/**
 * {@code confirm}: a human decision.
 *
 * @param typeToConfirm the operator must type exactly this; null for a plain yes/no
 */
public record ConfirmStep(StepInfo info, Template prompt, Template typeToConfirm, OnDecline onDecline)
    implements Step {
  public ConfirmStep {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(onDecline, "onDecline");
  }

  @Override
  public String action() {
    return "confirm";
  }

  @Override
  public <R> R accept(StepVisitor<R> visitor) {
    return visitor.visitConfirm(this);
  }
}
