package runbook.parse;

import java.util.ArrayList;
import java.util.List;
import runbook.model.Playbook;
import runbook.model.Ref;
import runbook.model.Step;

/** Every step reference ({@code of}) in a list of steps and everything nested in them. */
public final class StepRefs {
  private StepRefs() {}

  /** The references in {@code steps}, their groups, fix and on-failure steps, in file order. */
  public static List<Ref> in(List<Step> steps) {
    List<Ref> out = new ArrayList<>();
    for (Step s : Playbook.flatten(steps)) {
      out.addAll(s.refs());
    }
    return out;
  }
}
