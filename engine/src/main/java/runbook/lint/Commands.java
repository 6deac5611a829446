package runbook.lint;

import java.util.ArrayList;
import java.util.List;
import runbook.model.Command;
import runbook.model.ParseTableStep;
import runbook.model.Probe;
import runbook.model.RequireStateStep;
import runbook.model.RunStep;
import runbook.model.Step;

/** The commands a step runs: its own, its table's inline {@code run}, its probe's. */
final class Commands {
  private Commands() {}

  static List<Command> of(Step s) {
    List<Command> out = new ArrayList<>();
    if (s instanceof RunStep r) {
      out.add(r.command());
    } else if (s instanceof ParseTableStep p && p.table().run() != null) {
      out.add(p.table().run());
    } else if (s instanceof RequireStateStep r) {
      if (r.probe() instanceof Probe.RunProbe p) {
        out.add(p.command());
      } else if (r.probe() instanceof Probe.TableProbe t && t.table().run() != null) {
        out.add(t.table().run());
      }
    }
    return out;
  }
}
