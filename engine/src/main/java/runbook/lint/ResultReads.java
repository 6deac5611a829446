package runbook.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import runbook.diag.Diagnostic;
import runbook.diag.Suggestions;
import runbook.model.Actions;
import runbook.model.AssertOutputStep;
import runbook.model.ParseTableStep;
import runbook.model.Probe;
import runbook.model.RequireStateStep;
import runbook.model.ResultField;
import runbook.model.RunStep;
import runbook.model.Step;
import runbook.model.TableSpec;
import runbook.diag.Rule;
import runbook.diag.Severity;

/**
 * Every read of a step result's field checked against what that step will have
 * ({@link Actions#fields}): the field itself, a named group of {@code match}, the fields of a
 * {@code probe}, and the columns of a table that declares them. Each would otherwise fail only when
 * the run reaches it, maybe after the pool was taken offline.
 */
final class ResultReads {
  static final Rule UNKNOWN_FIELD = new Rule("unknown-field", Severity.ERROR,
      "an expression reads a result field, named group or probe field that the step does not have",
      Rule.Section.CHECK);
  static final Rule UNKNOWN_COLUMN = new Rule("unknown-column", Severity.ERROR,
      "an expression reads a table column that the table does not declare", Rule.Section.CHECK);

  private final PlaybookLint lint;
  private final List<Diagnostic> out = new ArrayList<>();

  private ResultReads(PlaybookLint lint) {
    this.lint = lint;
  }

  /** The findings of both rules, once per playbook. */
  static List<Diagnostic> of(PlaybookLint lint) {
    ResultReads r = new ResultReads(lint);
    for (Site site : lint.sites()) {
      r.site(site);
    }
    return List.copyOf(r.out);
  }

  private void site(Site site) {
    Set<String> read = lint.names(site);
    Set<String> targets = new HashSet<>();
    for (String n : read) {
      if (lint.steps().containsKey(n) && !site.locals().contains(n)) {
        targets.add(n);
      }
    }
    boolean probe = site.locals().contains("probe") && read.contains("probe") && site.step() instanceof RequireStateStep;
    if (probe) {
      targets.add("probe");
    }
    if (targets.isEmpty()) {
      return;
    }
    for (ExprText.Access a : ExprText.accesses(site, targets)) {
      int local = a.offset() - a.exprStart();
      List<ResultPaths.Member> chain = ResultPaths.members(a.expr(), local + a.name().length());
      if (chain.isEmpty()) {
        continue;
      }
      Read r = new Read(site, a, local);
      if (a.name().equals("probe") && probe) {
        RequireStateStep rs = (RequireStateStep) site.step();
        if (rs.probe() instanceof Probe.OfStep o && !lint.steps().containsKey(o.of().id())) {
          continue; // unknown-step reports the probe itself
        }
        chain(r, chain, probeFields(rs), "the probe of `" + rs.id() + "`", null, probeTable(rs), "probe");
      } else {
        Step step = lint.steps().get(a.name());
        chain(r, chain, Actions.fields(step), "step `" + step.id() + "` (`" + step.action() + "`)", step,
            tableOf(step), a.name());
      }
    }
  }

  /** Where a read is: the site, the access, and its offset inside the access's expression text. */
  private record Read(Site site, ExprText.Access access, int local) {
    runbook.model.SourceSpan at(int offsetInExpr) {
      return ExprText.position(site.span(), site.text(), access.exprStart() + offsetInExpr);
    }
  }

  private void chain(Read r, List<ResultPaths.Member> chain, Map<String, ResultField> fields, String owner, Step step,
      TableSpec table, String path) {
    ResultPaths.Member m = chain.get(0);
    String shown = "`" + path + "." + m.name() + "`";
    if (step instanceof RunStep run && run.command().outputFile() != null
        && (m.name().equals("stdout") || m.name().equals("lines"))) {
      out.add(UNKNOWN_FIELD.at(r.at(m.start()), shown + ": " + owner + " streams its stdout into its `output-file`,"
          + " so it keeps no `" + m.name() + "`", "read the file in a later step (its path is `" + path + ".output_file`)"));
      return;
    }
    if (!fields.containsKey(m.name())) {
      out.add(UNKNOWN_FIELD.at(r.at(m.start()), shown + ": " + owner + " has no field `" + m.name() + "`; it has "
          + String.join(", ", fields.keySet()), Suggestions.didYouMean(m.name(), fields.keySet())));
      return;
    }
    List<ResultPaths.Member> rest = chain.subList(1, chain.size());
    if (m.name().equals("match") && step instanceof AssertOutputStep a && !rest.isEmpty()) {
      Set<String> groups = Actions.matchGroups(a);
      String g = rest.get(0).name();
      if (!groups.contains(g)) {
        out.add(UNKNOWN_FIELD.at(r.at(rest.get(0).start()), "`" + path + ".match." + g + "`: "
            + (groups.isEmpty()
                ? "the `matches` of `" + a.id() + "` have no named group"
                : "the `matches` of `" + a.id() + "` have no group `" + g + "`; its groups are " + String.join(", ", groups)),
            groups.isEmpty()
                ? "name the group in the pattern: (?<" + g + ">...)"
                : Suggestions.didYouMean(g, groups)));
      }
    } else if (m.name().equals("probe") && step instanceof RequireStateStep rs && !rest.isEmpty()
        && !(rs.probe() instanceof Probe.OfStep o && !lint.steps().containsKey(o.of().id()))) {
      chain(r, rest, probeFields(rs), "the probe of `" + rs.id() + "`", null, probeTable(rs), path + ".probe");
    } else if (m.name().equals("rows") && table != null) {
      Optional<Set<String>> declared = Actions.declaredColumns(table);
      if (declared.isEmpty()) {
        return;
      }
      int start = r.local();
      for (ResultPaths.Member c : ResultPaths.columnReads(r.access().expr(), start, m.end())) {
        if (!declared.get().contains(c.name())) {
          out.add(UNKNOWN_COLUMN.at(r.at(c.start()), "column `" + c.name() + "` of `" + path + ".rows`: the table declares "
              + String.join(", ", declared.get()),
              Optional.ofNullable(Suggestions.didYouMean(c.name(), declared.get())).orElse(
                  table.columnNames().isEmpty()
                      ? "add it to the table's `require-columns` if the header has it"
                      : "add it to the table's `columns`")));
        }
      }
    }
  }

  /** What {@code probe.x} may read. */
  private Map<String, ResultField> probeFields(RequireStateStep rs) {
    if (rs.probe() instanceof Probe.OfStep o && lint.steps().containsKey(o.of().id())) {
      return Actions.fields(lint.steps().get(o.of().id()));
    }
    return Actions.probeFields(rs.probe());
  }

  private TableSpec probeTable(RequireStateStep rs) {
    if (rs.probe() instanceof Probe.TableProbe t) {
      return t.table();
    }
    if (rs.probe() instanceof Probe.OfStep o) {
      return tableOf(lint.steps().get(o.of().id()));
    }
    return null;
  }

  private static TableSpec tableOf(Step step) {
    return step instanceof ParseTableStep p ? p.table() : null;
  }
}
