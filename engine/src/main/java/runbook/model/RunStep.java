package runbook.model;

import java.util.List;
import java.util.Objects;

/** {@code run}: execute a command. */
public record RunStep(StepInfo info, Command command) implements Step {
  public RunStep {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(command, "command");
  }

  @Override
  public String action() {
    return "run";
  }

  @Override
  public boolean changesByDefault() {
    return true;
  }

  @Override
  public List<Command> commands() {
    return List.of(command);
  }

  @Override
  public List<Evaluated> evaluated() {
    return Evaluated.common(info).command("run", command).build();
  }

  @Override
  public <R> R accept(StepVisitor<R> visitor) {
    return visitor.visitRun(this);
  }
}
