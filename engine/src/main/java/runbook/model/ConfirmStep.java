package runbook.model;

import java.util.List;
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
  public List<Evaluated> evaluated() {
    return Evaluated.common(info)
        .template("prompt", prompt, java.util.Set.of(), true)
        .template("type-to-confirm", typeToConfirm, java.util.Set.of(), true)
        .build();
  }

  @Override
  public <R> R accept(StepVisitor<R> visitor) {
    return visitor.visitConfirm(this);
  }
}
