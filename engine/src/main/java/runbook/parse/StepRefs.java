package runbook.parse;

import java.util.ArrayList;
import java.util.List;
import runbook.model.AssertOutputStep;
import runbook.model.ConfirmStep;
import runbook.model.GroupStep;
import runbook.model.ParseTableStep;
import runbook.model.Probe;
import runbook.model.Ref;
import runbook.model.RequireStateStep;
import runbook.model.RunStep;
import runbook.model.Step;
import runbook.model.StepVisitor;

/** Every step reference ({@code of}) in a list of steps and everything nested in them. */
public final class StepRefs implements StepVisitor<List<Ref>> {
  private StepRefs() {}

  /** The references in {@code steps}, their groups, fix and on-failure steps, in file order. */
  public static List<Ref> in(List<Step> steps) {
    List<Ref> out = new ArrayList<>();
    StepRefs visitor = new StepRefs();
    for (Step s : steps) {
      out.addAll(s.accept(visitor));
      out.addAll(in(s.info().onFailure()));
    }
    return out;
  }

  @Override
  public List<Ref> visitRun(RunStep step) {
    return List.of();
  }

  @Override
  public List<Ref> visitAssertOutput(AssertOutputStep step) {
    return step.of() == null ? List.of() : List.of(step.of());
  }

  @Override
  public List<Ref> visitParseTable(ParseTableStep step) {
    return step.table().of() == null ? List.of() : List.of(step.table().of());
  }

  @Override
  public List<Ref> visitRequireState(RequireStateStep step) {
    List<Ref> out = new ArrayList<>();
    Probe p = step.probe();
    if (p instanceof Probe.OfStep o) {
      out.add(o.of());
    } else if (p instanceof Probe.TableProbe t && t.table().of() != null) {
      out.add(t.table().of());
    }
    out.addAll(in(step.fix()));
    return out;
  }

  @Override
  public List<Ref> visitConfirm(ConfirmStep step) {
    return List.of();
  }

  @Override
  public List<Ref> visitGroup(GroupStep step) {
    return in(step.steps());
  }
}
