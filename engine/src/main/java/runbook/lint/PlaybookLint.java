package runbook.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import runbook.diag.Diagnostic;
import runbook.expr.ExprEngine;
import runbook.model.Expr;
import runbook.model.Playbook;
import runbook.model.Ref;
import runbook.model.SourceSpan;
import runbook.model.Step;
import runbook.model.Template;

/** One parsed playbook under lint, with what the checks share, each computed once. */
public final class PlaybookLint {
  /** Fields every step's result has, whether it ran or was skipped. */
  static final Set<String> STATUS_FIELDS = Set.of("ok", "failed", "skipped");

  /** Names every expression may read besides params, vars and step ids. */
  static final Set<String> CONTEXT_NAMES = Set.of("env", "run");

  private final Playbook playbook;
  private final Set<String> unbuilt;
  private final Supplier<ExprEngine> engine;
  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final Map<Object, Set<String>> names = new HashMap<>();
  private List<Site> sites;
  private Flow flow;
  private List<Diagnostic> exprDiagnostics;
  private List<ResultUse> resultUses;
  private List<Diagnostic> resultReads;
  private final Map<Site, List<StepRead>> reads = new HashMap<>();
  private final Map<String, List<StepRead>> varReads = new HashMap<>();

  public PlaybookLint(Playbook playbook, Supplier<ExprEngine> engine) {
    this(playbook, engine, Set.of());
  }

  /**
   * @param unbuilt ids of steps the file has but the parser could not build (a playbook that did not
   *     parse is still checked): reading them is not an undefined name
   */
  public PlaybookLint(Playbook playbook, Supplier<ExprEngine> engine, Set<String> unbuilt) {
    this.unbuilt = Set.copyOf(unbuilt);
    this.playbook = playbook;
    this.engine = engine;
    for (Step s : playbook.allSteps()) {
      steps.putIfAbsent(s.id(), s);
    }
  }

  public Playbook playbook() {
    return playbook;
  }

  /** Ids of steps that exist in the file but were too broken to build. */
  Set<String> unbuilt() {
    return unbuilt;
  }

  /** Every step by id, in execution order. */
  public Map<String, Step> steps() {
    return steps;
  }

  /** Every command of every step (probes, fixes and failure handlers included), in execution order. */
  List<runbook.model.Command> commands() {
    List<runbook.model.Command> all = new ArrayList<>();
    steps.values().forEach(s -> all.addAll(s.commands()));
    return all;
  }

  public List<Site> sites() {
    if (sites == null) {
      sites = Sites.of(playbook);
    }
    return sites;
  }

  Flow flow() {
    if (flow == null) {
      flow = Flow.of(playbook.steps());
    }
    return flow;
  }

  /** The expression engine, started on first use. */
  ExprEngine engine() {
    return engine.get();
  }

  /** What the expression engine reports about every expression and template (syntax, sandbox). */
  public List<Diagnostic> exprDiagnostics() {
    if (exprDiagnostics == null) {
      List<Diagnostic> out = new ArrayList<>();
      for (Site site : sites()) {
        // plain text needs no compiling: a file without expressions never starts the expression engine
        if (site.expr() != null) {
          out.addAll(engine.get().check(site.expr()));
        } else if (site.template().text().contains("${")) {
          out.addAll(engine.get().check(site.template()));
        }
      }
      exprDiagnostics = List.copyOf(out);
    }
    return exprDiagnostics;
  }

  /** Reads of result fields, groups and columns that the step will not have ({@link ResultReads}). */
  List<Diagnostic> resultReads() {
    if (resultReads == null) {
      resultReads = ResultReads.of(this);
    }
    return resultReads;
  }

  /** Whether the expression engine accepts {@code e}. */
  boolean compiles(Expr e) {
    return engine.get().check(e).isEmpty();
  }

  /** The top-level names a site reads. */
  public Set<String> names(Site site) {
    return site.expr() != null ? names(site.expr()) : names(site.template());
  }

  Set<String> names(Expr e) {
    return names.computeIfAbsent(e, k -> safeNames(e, null));
  }

  Set<String> names(Template t) {
    if (!t.hasPlaceholders()) {
      return Set.of();
    }
    return names.computeIfAbsent(t, k -> safeNames(null, t));
  }

  /**
   * An expression that does not compile (expr-syntax reports it) still shows which step results it
   * reads: {@code probe.count > 0 &&} reads {@code probe.count}. Those names, found in its text
   * outside string literals, are checked like a compiled expression's, so that a syntax error does
   * not hide a misspelt field (one pass). Only step ids and the context names are taken: anything
   * else in broken text may be a fragment, not a name.
   */
  private Set<String> safeNames(Expr e, Template t) {
    Set<String> names;
    try {
      names = e != null ? engine.get().names(e) : engine.get().names(t);
      if (e != null ? engine.get().check(e).isEmpty() : engine.get().check(t).isEmpty()) {
        return names;
      }
    } catch (RuntimeException ex) {
      names = Set.of();
    }
    Set<String> known = new java.util.HashSet<>(steps.keySet());
    known.add("probe");
    known.add("run");
    Set<String> out = new java.util.LinkedHashSet<>(names);
    String text = e != null ? e.source() : t.text();
    List<ExprText.Access> found = new ArrayList<>();
    if (e != null) {
      ExprText.accesses(text, 0, known, found);
    } else {
      for (int[] p : ExprText.placeholders(text)) {
        ExprText.accesses(text.substring(p[0], p[1]), p[0], known, found);
      }
    }
    found.forEach(a -> out.add(a.name()));
    return out;
  }

  /** The step ids a site reads, with the field read, following the vars it reads. */
  List<StepRead> stepReads(Site site) {
    List<StepRead> cached = reads.get(site);
    if (cached == null) {
      cached = collect(site, null);
      reads.put(site, cached);
    }
    return cached;
  }

  private List<StepRead> collect(Site site, String via) {
    List<StepRead> out = new ArrayList<>();
    Map<String, Conditions.Facts> factsByExpr = new HashMap<>();
    for (ExprText.Access a : ExprText.accesses(site, names(site))) {
      if (site.locals().contains(a.name())) {
        continue;
      }
      SourceSpan at = ExprText.position(site.span(), site.text(), a.offset());
      // what the expression's own conditions say is true where the name is read
      Set<String> facts = factsByExpr.computeIfAbsent(a.expr(), Conditions::of).at(a.offset() - a.exprStart());
      if (steps.containsKey(a.name())) {
        out.add(new StepRead(a.name(), a.field(), at, via, facts));
      } else if (playbook.vars().containsKey(a.name())) {
        for (StepRead r : varReads(a.name())) {
          Set<String> all = new LinkedHashSet<>(facts);
          all.addAll(r.facts());
          out.add(new StepRead(r.id(), r.field(), at, via != null ? via : a.name(), all));
        }
      }
    }
    return out.stream().distinct().toList();
  }

  /** The step reads inside a var's template, through the vars it reads in turn; a var in a cycle reads nothing more. */
  private List<StepRead> varReads(String name) {
    List<StepRead> cached = varReads.get(name);
    if (cached != null) {
      return cached;
    }
    varReads.put(name, List.of());
    List<StepRead> out = collect(varSite(name), name);
    varReads.put(name, out);
    return out;
  }

  private Site varSite(String name) {
    return new Site(null, "vars." + name, null, playbook.vars().get(name), Set.of(), false, false);
  }

  /** Every read of a step result by a step: in its expressions and templates, and its {@code of}. */
  List<ResultUse> resultUses() {
    if (resultUses == null) {
      List<ResultUse> out = new ArrayList<>();
      for (Site site : sites()) {
        if (site.step() == null) {
          continue;
        }
        Flow.Point at = flow().entry(site.step());
        if (site.key().equals("when")) {
          // a condition cannot lean on itself: only the enclosing groups' conditions guard it
          List<Expr> outer = at.guards().subList(0, at.guards().size() - 1);
          at = new Flow.Point(at.known(), outer);
        }
        if (site.readsOwnResult()) {
          Map<String, Flow.Known> known = new HashMap<>(at.known());
          known.put(site.step().id(), Flow.Known.RAN);
          at = new Flow.Point(known, at.guards());
        }
        List<StepRead> reads = stepReads(site);
        for (StepRead r : reads) {
          out.add(new ResultUse(r, at, reads));
        }
      }
      for (Step s : steps.values()) {
        for (Ref ref : s.refs()) {
          if (steps.containsKey(ref.id())) {
            StepRead r = new StepRead(ref.id(), "stdout", ref.span(), null, Set.of());
            out.add(new ResultUse(r, flow().entry(s), List.of(r)));
          }
        }
      }
      resultUses = List.copyOf(out);
    }
    return resultUses;
  }

  /** Whether one of {@code exprs} reads {@code id.ok} or {@code id.skipped}. */
  boolean checksRan(List<Expr> exprs, String id) {
    return readsField(exprs, id, "ok") || readsField(exprs, id, "skipped");
  }

  /** Whether one of {@code exprs} reads {@code id.field}. */
  boolean readsField(List<Expr> exprs, String id, String field) {
    for (Expr e : exprs) {
      Site s = new Site(null, "when", e, null, Set.of(), false, false);
      for (StepRead r : stepReads(s)) {
        if (r.id().equals(id) && field.equals(r.field())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The facts every condition in {@code guards} establishes. */
  static Set<String> facts(List<Expr> guards) {
    Set<String> have = new LinkedHashSet<>();
    for (Expr g : guards) {
      have.addAll(Conditions.conjuncts(g.source()));
    }
    return have;
  }

  /** Whether {@code facts} imply every condition in {@code causes} (each of its conjuncts is a fact). */
  static boolean implied(Set<String> facts, List<Expr> causes) {
    for (Expr c : causes) {
      if (!facts.containsAll(Conditions.conjuncts(c.source()))) {
        return false;
      }
    }
    return true;
  }
}
