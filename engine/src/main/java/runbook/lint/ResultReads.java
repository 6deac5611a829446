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
  /** Each var's expression with the vars it reads expanded, once per playbook. */
  private final Map<String, Optional<String>> expanded = new java.util.HashMap<>();

  private ResultReads(PlaybookLint lint) {
    this.lint = lint;
  }

  /** The findings of both rules, once per playbook. */
  static List<Diagnostic> of(PlaybookLint lint) {
    ResultReads r = new ResultReads(lint);
    for (Site site : lint.sites()) {
      r.site(site);
    }
    for (Step s : lint.playbook().allSteps()) {
      r.ofReads(s);
    }
    return List.copyOf(r.out);
  }

  /**
   * An {@code of} reads the output of the step it names: an assert-output's the stream it checks, a
   * table's its stdout, a probe's the whole read-only step again. A step without that output fails
   * only when the run gets there, so it is an unknown field here.
   */
  private void ofReads(Step s) {
    if (s instanceof AssertOutputStep a && a.of() != null) {
      List<String> needs = switch (a.stream()) {
        case STDOUT -> List.of("stdout");
        case STDERR -> List.of("stderr");
        case BOTH -> List.of("stdout", "stderr");
      };
      output(a.of(), needs, "`assert-output` checks its " + a.stream().key());
    }
    if (s instanceof ParseTableStep p && p.table().of() != null) {
      output(p.table().of(), List.of("stdout"), "`parse-table` reads its stdout");
    }
    if (s instanceof RequireStateStep rs) {
      if (rs.probe() instanceof Probe.TableProbe t && t.table().of() != null) {
        output(t.table().of(), List.of("stdout"), "the probe's `parse-table` reads its stdout");
      }
      Step target = rs.probe() instanceof Probe.OfStep o ? lint.steps().get(o.of().id()) : null;
      if (target != null && !(target instanceof RunStep run && !run.changes()) && !(target instanceof ParseTableStep)) {
        runbook.model.Ref of = ((Probe.OfStep) rs.probe()).of();
        out.add(UNKNOWN_FIELD.at(of.span(), "`of: " + of.id() + "`: a probe runs that step again, and step `"
            + target.id() + "` (`" + target.action() + "`" + (target instanceof RunStep ? ", changes the system" : "")
            + ") is not a read-only `run` or `parse-table`",
            "probe with its own read-only command (`run:` with `changes: false` on the named step, or `run:` in the probe)"));
      }
    }
  }

  private void output(runbook.model.Ref of, List<String> needs, String what) {
    Step target = lint.steps().get(of.id());
    if (target == null) {
      return; // unknown-step reports it
    }
    Map<String, ResultField> fields = Actions.fields(target);
    for (String field : needs) {
      if (target instanceof RunStep run && run.command().outputFile() != null && field.equals("stdout")) {
        out.add(UNKNOWN_FIELD.at(of.span(), "`of: " + of.id() + "`: " + what + ", but step `" + of.id()
            + "` streams its stdout into its `output-file`, so it keeps none", "read the file with a command instead"));
        return;
      }
      if (!fields.containsKey(field)) {
        out.add(UNKNOWN_FIELD.at(of.span(), "`of: " + of.id() + "`: " + what + ", but step `" + of.id() + "` (`"
            + target.action() + "`) has no `" + field + "`; it has " + String.join(", ", fields.keySet()),
            "name a `run` step, or a `parse-table` that runs its own command"));
        return;
      }
    }
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
    // `run` is the run itself (run.dry, run.id, run.dir): a misspelt field would read as nothing
    boolean runContext = read.contains("run") && !site.locals().contains("run") && !lint.steps().containsKey("run");
    if (runContext) {
      targets.add("run");
    }
    Map<String, String> vars = new java.util.LinkedHashMap<>();
    for (String n : read) {
      String e = site.locals().contains(n) ? null : resultVar(n);
      if (e != null) {
        vars.put(n, e);
      }
    }
    if (targets.isEmpty() && vars.isEmpty()) {
      return;
    }
    List<Read> reads = new ArrayList<>();
    for (ExprText.Access a : ExprText.accesses(site, targets)) {
      reads.add(new Read(site, a, a.offset() - a.exprStart(), a.exprStart(), o -> o, ""));
    }
    // a var that is one step result (`${first(t.rows, r -> ...)}`) is read as that result: its
    // reads are checked in the text with the var's expression in place of its name
    for (ExprText.Access v : ExprText.accesses(site, vars.keySet())) {
      int local = v.offset() - v.exprStart();
      String expr = vars.get(v.name());
      String text = v.expr().substring(0, local) + expr + v.expr().substring(local + v.name().length());
      int from = local;
      int to = local + expr.length();
      int shift = expr.length() - v.name().length();
      java.util.function.IntUnaryOperator back = o -> o < from ? o : o < to ? -1 : o - shift;
      for (ExprText.Access a : ExprText.accesses(text, 0, lint.steps().keySet(), new ArrayList<>())) {
        if (a.offset() >= from && a.offset() < to) {
          reads.add(new Read(site, a, a.offset(), v.exprStart(), back, " (through var `" + v.name() + "`)"));
        }
      }
    }
    for (Read r : reads) {
      ExprText.Access a = r.access();
      int local = r.local();
      List<ResultPaths.Member> chain = ResultPaths.members(a.expr(), local + a.name().length());
      if (chain.isEmpty()) {
        continue;
      }
      if (a.name().equals("run") && runContext) {
        Map<String, ResultField> fields = new java.util.LinkedHashMap<>();
        Actions.RUN_CONTEXT.forEach(f -> fields.put(f.name(), f));
        chain(r, chain, fields, "the run", null, null, "run");
      } else if (a.name().equals("probe") && probe) {
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

  /**
   * Where a read is: the site, the access, its offset inside the access's expression text, where that
   * expression starts in the site's text, how an offset in the access's text maps back to the
   * expression as written (-1: inside a var's expression, reported at the var), and what to add to
   * a message about it.
   */
  private record Read(Site site, ExprText.Access access, int local, int exprStart,
      java.util.function.IntUnaryOperator back, String via) {
    /** The position of an offset in the access's text; null when it lies in a var's own expression. */
    runbook.model.SourceSpan at(int offsetInExpr) {
      int o = back.applyAsInt(offsetInExpr);
      return o < 0 ? null : ExprText.position(site.span(), site.text(), exprStart + o);
    }
  }

  private void add(Read r, int offset, Rule rule, String message, String hint) {
    runbook.model.SourceSpan at = r.at(offset);
    if (at != null) {
      out.add(rule.at(at, message + r.via(), hint));
    }
  }

  /**
   * The expression of a var that stands for one value read from step results, written as one
   * {@code ${...}} that is a name followed only by members, indexes and calls
   * ({@code ${first(t.rows, r -> r.name == pool)}}, {@code ${t.rows[0]}}); null for any other var.
   */
  private String resultVar(String name) {
    return expanded.computeIfAbsent(name, n -> Optional.ofNullable(resultVar(n, new HashSet<>()))).orElse(null);
  }

  /**
   * {@link #resultVar(String)}, with every var it reads that is itself such a var replaced by that
   * var's expression, so that a chain of vars ({@code pool_lv: ${first(rows, ...)}} with
   * {@code rows: ${lvs.rows}}) is followed to the step it reads. Both are a name followed by members,
   * indexes and calls, so one can stand in the other's place without brackets.
   */
  private String resultVar(String name, Set<String> seen) {
    String e = ownResultVar(name);
    if (e == null || !seen.add(name)) {
      return null; // not such a var, or a circle of vars (reported by undefined-name at run time)
    }
    List<ExprText.Access> inner = ExprText.accesses(e, 0, lint.playbook().vars().keySet(), new ArrayList<>());
    for (int i = inner.size() - 1; i >= 0; i--) {
      ExprText.Access a = inner.get(i);
      String sub = a.name().equals(name) ? null : resultVar(a.name(), new HashSet<>(seen));
      if (sub != null) {
        e = e.substring(0, a.offset()) + sub + e.substring(a.offset() + a.name().length());
      }
    }
    return e;
  }

  /** The var's own expression when it stands for one value read from step results; null otherwise. */
  private String ownResultVar(String name) {
    runbook.model.Template t = lint.playbook().vars().get(name);
    if (t == null || !t.text().startsWith("${") || !t.text().endsWith("}")) {
      return null;
    }
    List<int[]> p = ExprText.placeholders(t.text());
    if (p.size() != 1 || p.get(0)[0] != 2 || p.get(0)[1] != t.text().length() - 1) {
      return null;
    }
    String e = t.text().substring(2, t.text().length() - 1).strip();
    int i = 0;
    while (i < e.length() && Character.isJavaIdentifierPart(e.charAt(i))) {
      i++;
    }
    if (i == 0 || !Character.isJavaIdentifierStart(e.charAt(0))) {
      return null;
    }
    while (i < e.length()) {
      char c = e.charAt(i);
      if (c == '.') {
        int k = ++i;
        while (i < e.length() && Character.isJavaIdentifierPart(e.charAt(i))) {
          i++;
        }
        if (i == k) {
          return null;
        }
      } else if (c == '[' || c == '(') {
        int close = ResultPaths.matching(e, i, c, c == '[' ? ']' : ')');
        if (close < 0) {
          return null;
        }
        i = close + 1;
      } else {
        return null;
      }
    }
    return e;
  }

  private void chain(Read r, List<ResultPaths.Member> chain, Map<String, ResultField> fields, String owner, Step step,
      TableSpec table, String path) {
    ResultPaths.Member m = chain.get(0);
    String shown = "`" + path + "." + m.name() + "`";
    if (step instanceof RunStep run && run.command().outputFile() != null
        && (m.name().equals("stdout") || m.name().equals("lines"))) {
      add(r, m.start(), UNKNOWN_FIELD, shown + ": " + owner + " streams its stdout into its `output-file`,"
          + " so it keeps no `" + m.name() + "`", "read the file in a later step (its path is `" + path + ".output_file`)");
      return;
    }
    if (!fields.containsKey(m.name())) {
      add(r, m.start(), UNKNOWN_FIELD, shown + ": " + owner + " has no field `" + m.name() + "`; it has "
          + String.join(", ", fields.keySet()), Suggestions.didYouMean(m.name(), fields.keySet()));
      return;
    }
    List<ResultPaths.Member> rest = chain.subList(1, chain.size());
    if (m.name().equals("match") && step instanceof AssertOutputStep a && !rest.isEmpty()) {
      Set<String> groups = Actions.matchGroups(a);
      String g = rest.get(0).name();
      if (!groups.contains(g)) {
        add(r, rest.get(0).start(), UNKNOWN_FIELD, "`" + path + ".match." + g + "`: "
            + (groups.isEmpty()
                ? "the `matches` of `" + a.id() + "` have no named group"
                : "the `matches` of `" + a.id() + "` have no group `" + g + "`; its groups are " + String.join(", ", groups)),
            groups.isEmpty()
                ? "name the group in the pattern: (?<" + g + ">...)"
                : Suggestions.didYouMean(g, groups));
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
          add(r, c.start(), UNKNOWN_COLUMN, "column `" + c.name() + "` of `" + path + ".rows`: the table declares "
              + String.join(", ", declared.get()),
              Optional.ofNullable(Suggestions.didYouMean(c.name(), declared.get())).orElse(
                  table.columnNames().isEmpty()
                      ? "add it to the table's `require-columns` if the header has it"
                      : "add it to the table's `columns`"));
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
