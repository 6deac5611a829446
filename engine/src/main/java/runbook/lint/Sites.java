package runbook.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import runbook.model.AssertOutputStep;
import runbook.model.Command;
import runbook.model.ConfirmStep;
import runbook.model.Expr;
import runbook.model.GroupStep;
import runbook.model.ParseTableStep;
import runbook.model.Playbook;
import runbook.model.Probe;
import runbook.model.RequireStateStep;
import runbook.model.RunStep;
import runbook.model.Step;
import runbook.model.StepVisitor;
import runbook.model.TableSpec;
import runbook.model.Template;

/** Collects every expression and template of a playbook as a {@link Site}, in file order. */
final class Sites implements StepVisitor<Void> {
  private static final Set<String> ASSERT_LOCALS = Set.of("out", "err", "exit");
  private static final Set<String> PROBE_LOCALS = Set.of("probe");

  private final List<Site> out = new ArrayList<>();
  private Step step;

  private Sites() {}

  static List<Site> of(Playbook playbook) {
    Sites sites = new Sites();
    for (Map.Entry<String, Template> e : playbook.env().entrySet()) {
      sites.template("env." + e.getKey(), e.getValue(), Set.of(), false);
    }
    for (Map.Entry<String, Template> e : playbook.vars().entrySet()) {
      sites.template("vars." + e.getKey(), e.getValue(), Set.of(), false);
    }
    for (Step s : playbook.allSteps()) {
      sites.step = s;
      sites.template("title", s.info().title(), Set.of(), true);
      sites.template("doc", s.info().doc(), Set.of(), true);
      sites.template("reason", s.info().reason(), Set.of(), true);
      sites.template("if-stopped", s.info().ifStopped(), Set.of(), true);
      sites.template("summary", s.info().summary(), Set.of(), true);
      sites.expr("when", s.info().when(), Set.of(), false);
      if (s.info().retry() != null && s.info().retry().until() != null) {
        sites.out.add(new Site(s, "retry.until", s.info().retry().until(), null, Set.of(), false, true));
      }
      s.accept(sites);
    }
    return List.copyOf(sites.out);
  }

  @Override
  public Void visitRun(RunStep s) {
    command("run", s.command());
    return null;
  }

  @Override
  public Void visitAssertOutput(AssertOutputStep s) {
    templates("contains", s.contains());
    templates("not-contains", s.notContains());
    templates("matches", s.matches());
    templates("not-matches", s.notMatches());
    templates("equals", s.equals());
    expr("that", s.that(), ASSERT_LOCALS, false);
    template("message", s.message(), ASSERT_LOCALS, true);
    return null;
  }

  @Override
  public Void visitParseTable(ParseTableStep s) {
    table("parse-table", s.table());
    return null;
  }

  @Override
  public Void visitRequireState(RequireStateStep s) {
    Probe probe = s.probe();
    if (probe instanceof Probe.RunProbe r) {
      command("probe.run", r.command());
    } else if (probe instanceof Probe.TableProbe t) {
      table("probe.parse-table", t.table());
    }
    expr("that", s.that(), PROBE_LOCALS, false);
    template("message", s.message(), PROBE_LOCALS, true);
    return null;
  }

  @Override
  public Void visitConfirm(ConfirmStep s) {
    template("prompt", s.prompt(), Set.of(), true);
    template("type-to-confirm", s.typeToConfirm(), Set.of(), true);
    return null;
  }

  @Override
  public Void visitGroup(GroupStep s) {
    return null;
  }

  private void table(String key, TableSpec table) {
    if (table.run() != null) {
      command(key + ".run", table.run());
    }
  }

  // stdin and env reach the command without being shown; everything else is printed in a dry run
  private void command(String key, Command c) {
    template(key, c.line(), Set.of(), true);
    if (c.args() != null) {
      templates(key, c.args());
    }
    template(key + ".stdin", c.stdin(), Set.of(), false);
    for (Map.Entry<String, Template> e : c.env().entrySet()) {
      template(key + ".env." + e.getKey(), e.getValue(), Set.of(), false);
    }
    template(key + ".cwd", c.cwd(), Set.of(), true);
    template(key + ".output-file", c.outputFile(), Set.of(), true);
  }

  private void templates(String key, List<Template> templates) {
    for (Template t : templates) {
      template(key, t, Set.of(), true);
    }
  }

  private void template(String key, Template t, Set<String> locals, boolean printed) {
    if (t != null) {
      out.add(new Site(step, key, null, t, locals, printed, false));
    }
  }

  private void expr(String key, Expr e, Set<String> locals, boolean printed) {
    if (e != null) {
      out.add(new Site(step, key, e, null, locals, printed, false));
    }
  }
}
