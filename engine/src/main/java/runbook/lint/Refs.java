package runbook.lint;

import java.util.ArrayList;
import java.util.List;
import runbook.model.AssertOutputStep;
import runbook.model.ParseTableStep;
import runbook.model.Probe;
import runbook.model.RequireStateStep;
import runbook.model.Step;
import runbook.model.TableSpec;

/** The step ids a step names in {@code of} (its own, its table's, its probe's). */
final class Refs {
  private Refs() {}

  static List<runbook.model.Ref> of(Step s) {
    List<runbook.model.Ref> out = new ArrayList<>();
    if (s instanceof AssertOutputStep a && a.of() != null) {
      out.add(a.of());
    }
    if (s instanceof ParseTableStep p) {
      table(p.table(), out);
    }
    if (s instanceof RequireStateStep r) {
      if (r.probe() instanceof Probe.OfStep o) {
        out.add(o.of());
      } else if (r.probe() instanceof Probe.TableProbe t) {
        table(t.table(), out);
      }
    }
    return out;
  }

  private static void table(TableSpec t, List<runbook.model.Ref> out) {
    if (t.of() != null) {
      out.add(t.of());
    }
  }
}
