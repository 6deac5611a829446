package runbook.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code require-state}: a precondition that must hold, or be made to hold by {@code fix}.
 *
 * @param waitTimeout re-run the probe until {@code that} holds or this expires; null for no waiting
 * @param waitEvery pause between probes while waiting; null when not waiting
 * @param fix steps run once when the state does not hold, before probing again
 * @param message shown when the state is not reached; null for a generated one
 */
public record RequireStateStep(
    StepInfo info,
    Probe probe,
    Expr that,
    TimeSpan waitTimeout,
    TimeSpan waitEvery,
    List<Step> fix,
    Template message)
    implements Step {
  public RequireStateStep {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(that, "that");
    fix = List.copyOf(fix);
  }

  @Override
  public String action() {
    return "require-state";
  }

  @Override
  public List<Step> children() {
    return Step.concat(fix, info.onFailure());
  }

  @Override
  public List<Command> commands() {
    if (probe instanceof Probe.RunProbe r) {
      return List.of(r.command());
    }
    if (probe instanceof Probe.TableProbe t && t.table().run() != null) {
      return List.of(t.table().run());
    }
    return List.of();
  }

  @Override
  public List<Ref> refs() {
    if (probe instanceof Probe.OfStep o) {
      return List.of(o.of());
    }
    if (probe instanceof Probe.TableProbe t && t.table().of() != null) {
      return List.of(t.table().of());
    }
    return List.of();
  }

  @Override
  public List<Evaluated> evaluated() {
    Evaluated.Builder b = Evaluated.common(info);
    if (probe instanceof Probe.RunProbe r) {
      b.command("probe.run", r.command());
    } else if (probe instanceof Probe.TableProbe t) {
      b.command("probe.parse-table.run", t.table().run());
    }
    return b.expr("that", that, Evaluated.PROBE_LOCALS, false)
        .template("message", message, Evaluated.PROBE_LOCALS, true)
        .build();
  }

  @Override
  public <R> R accept(StepVisitor<R> visitor) {
    return visitor.visitRequireState(this);
  }
}
