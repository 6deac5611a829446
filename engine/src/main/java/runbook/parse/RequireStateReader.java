package runbook.parse;

import java.util.List;
import runbook.diag.Diagnostics;
import runbook.model.Actions;
import runbook.model.Command;
import runbook.model.Expr;
import runbook.model.Probe;
import runbook.model.Ref;
import runbook.model.RequireStateStep;
import runbook.model.Step;
import runbook.model.StepInfo;
import runbook.model.TableSpec;
import runbook.model.Template;
import runbook.model.TimeSpan;

/** {@code require-state}: probe, that, wait, fix, message. */
final class RequireStateReader implements ActionReader {
  static final List<String> PROBES = Actions.names(Actions.PROBE_KEYS);

  @Override
  public Step read(StepInfo info, MappingReader step, StepReader steps) {
    Diagnostics d = steps.diagnostics();
    MappingReader m = MappingReader.described(step.node("require-state"), d, "`require-state`", Actions.REQUIRE_STATE_KEYS);
    if (m == null) {
      return null;
    }
    YamlNode probeNode = m.node("probe");
    Probe probe = probeNode == null ? null : probe(probeNode, d);
    Expr that = m.expr("that");
    TimeSpan timeout = null;
    TimeSpan every = null;
    if (m.has("wait")) {
      MappingReader wait = MappingReader.described(m.node("wait"), d, "`wait`", Actions.WAIT_KEYS);
      if (wait != null) {
        timeout = wait.duration("timeout");
        every = wait.duration("every");
      }
    }
    List<Step> fix = m.has("fix") ? steps.readList(m.node("fix"), "`fix`") : List.of();
    Template message = m.template("message");
    if (probe == null || that == null) {
      return null;
    }
    return new RequireStateStep(info, probe, that, timeout, every, fix, message);
  }

  private static Probe probe(YamlNode node, Diagnostics d) {
    MappingReader m = MappingReader.described(node, d, "`probe`", Actions.PROBE_KEYS);
    if (m == null) {
      return null;
    }
    List<String> given = PROBES.stream().filter(m::has).toList();
    if (given.isEmpty()) {
      d.error(ParseRule.MISSING_KEY, m.span(), "`probe` needs one of: " + String.join(", ", PROBES));
      return null;
    }
    if (given.size() > 1) {
      d.error(ParseRule.CONFLICTING_KEYS, m.keySpan(given.get(1)),
          "`probe` takes one of " + String.join(", ", PROBES) + "; found `" + given.get(0) + "` and `" + given.get(1) + "`");
      return null;
    }
    if (!given.get(0).equals("run")) {
      for (String option : StepKeys.RUN_OPTIONS) {
        if (m.has(option)) {
          d.error(ParseRule.UNUSED_KEY, m.keySpan(option), "`" + option + "` applies only with `run`");
        }
      }
    }
    switch (given.get(0)) {
      case "run" -> {
        Command c = RunReader.command(m, m.node("run"));
        return c == null ? null : new Probe.RunProbe(c, m.span());
      }
      case "parse-table" -> {
        TableSpec t = ParseTableReader.table(m.node("parse-table"), d, "`parse-table`");
        return t == null ? null : new Probe.TableProbe(t, m.span());
      }
      default -> {
        Ref of = AssertOutputReader.ref(m, "of");
        return of == null ? null : new Probe.OfStep(of, m.span());
      }
    }
  }
}
