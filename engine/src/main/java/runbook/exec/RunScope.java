package runbook.exec;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import runbook.expr.EvalException;
import runbook.expr.ExprEngine;
import runbook.expr.Scope;
import runbook.expr.ValueUnavailableException;
import runbook.model.Expr;
import runbook.model.Template;

/**
 * The names a run's expressions see: params, vars (evaluated when first used, then kept), step
 * results by id, {@code env} (the engine's environment with the playbook's {@code env} on top) and
 * {@code run} ({@code {dry: true|false, id: <run id>, dir: <run directory>}}). A step that has not run is a clear error, not a null.
 */
final class RunScope implements Scope {
  private final ExprEngine expr;
  private final Map<String, Object> params;
  private final Map<String, Template> vars;
  private final Map<String, Template> playbookEnv;
  private final Map<String, String> processEnv;
  private final Set<String> stepIds;
  private final Function<String, String> whyNotRun;
  private final Map<String, Object> run;
  private final Map<String, Object> varValues = new HashMap<>();
  private final Set<String> evaluating = new LinkedHashSet<>();
  private final Map<String, ResultMap> results = new HashMap<>();
  private Map<String, String> environment;
  private boolean dryRunGap;

  /**
   * @param whyNotRun the message for reading a step that has no result yet (it depends on
   *     {@code --from})
   */
  RunScope(
      ExprEngine expr,
      Map<String, Object> params,
      Map<String, Template> vars,
      Map<String, Template> playbookEnv,
      Map<String, String> processEnv,
      Set<String> stepIds,
      Function<String, String> whyNotRun,
      boolean dry,
      String runId,
      java.nio.file.Path runDir) {
    this.expr = expr;
    this.params = Map.copyOf(params);
    this.vars = vars;
    this.playbookEnv = playbookEnv;
    this.processEnv = processEnv;
    this.stepIds = Set.copyOf(stepIds);
    this.whyNotRun = whyNotRun;
    // the run directory is what a step hands on to a person (a support bundle, a report): its journal
    this.run = Map.of("dry", dry, "id", runId, "dir", runDir.toString());
  }

  @Override
  public boolean has(String name) {
    return params.containsKey(name)
        || vars.containsKey(name)
        || stepIds.contains(name)
        || name.equals("env")
        || name.equals("run");
  }

  @Override
  public Set<String> names() {
    Set<String> all = new LinkedHashSet<>(params.keySet());
    all.addAll(vars.keySet());
    all.addAll(stepIds);
    all.add("env");
    all.add("run");
    return all;
  }

  @Override
  public Object get(String name) {
    if (params.containsKey(name)) {
      return params.get(name);
    }
    if (vars.containsKey(name)) {
      return var(name);
    }
    if (stepIds.contains(name)) {
      ResultMap r = results.get(name);
      if (r == null) {
        throw new ValueUnavailableException(whyNotRun.apply(name));
      }
      return r;
    }
    if (name.equals("env")) {
      try {
        return environment();
      } catch (EvalException e) {
        throw new ValueUnavailableException(e.getMessage());
      }
    }
    if (name.equals("run")) {
      return run;
    }
    throw new ValueUnavailableException("undefined name `" + name + "`");
  }

  void put(String stepId, ResultMap result) {
    results.put(stepId, result);
  }

  ResultMap result(String stepId) {
    return results.get(stepId);
  }

  /** This scope plus a few names of its own ({@code probe}, {@code out}/{@code err}/{@code exit}). */
  Scope with(Map<String, Object> extra) {
    RunScope outer = this;
    return new Scope() {
      @Override
      public boolean has(String name) {
        return extra.containsKey(name) || outer.has(name);
      }

      @Override
      public Object get(String name) {
        return extra.containsKey(name) ? extra.get(name) : outer.get(name);
      }

      @Override
      public Set<String> names() {
        Set<String> all = new LinkedHashSet<>(extra.keySet());
        all.addAll(outer.names());
        return all;
      }
    };
  }

  /** The engine's environment with the playbook's {@code env} expanded on top; computed once. */
  Map<String, String> environment() throws EvalException {
    if (environment == null) {
      Map<String, String> env = new LinkedHashMap<>(processEnv);
      for (Map.Entry<String, Template> e : playbookEnv.entrySet()) {
        env.put(e.getKey(), expr.expand(e.getValue(), this));
      }
      environment = Map.copyOf(env);
    }
    return environment;
  }

  /** True once an expression read a value of a step that a dry run did not execute; clears it. */
  boolean takeDryRunGap() {
    boolean gap = dryRunGap;
    dryRunGap = false;
    return gap;
  }

  void noteDryRunGap() {
    dryRunGap = true;
  }

  private Object var(String name) {
    if (varValues.containsKey(name)) {
      return varValues.get(name);
    }
    if (!evaluating.add(name)) {
      throw new ValueUnavailableException(
          "var `" + name + "` depends on itself: " + String.join(" -> ", evaluating) + " -> " + name);
    }
    try {
      Object value = evaluateVar(vars.get(name));
      varValues.put(name, value);
      return value;
    } catch (EvalException e) {
      throw new ValueUnavailableException("var `" + name + "`: " + e.getMessage());
    } finally {
      evaluating.remove(name);
    }
  }

  /**
   * A var that is one {@code ${...}} and nothing else keeps its value's type (a number stays a
   * number); any other template becomes text.
   */
  private Object evaluateVar(Template t) throws EvalException {
    String text = t.text();
    if (text.startsWith("${") && text.endsWith("}") && text.indexOf("${", 2) < 0) {
      return expr.evaluate(new Expr(text.substring(2, text.length() - 1), t.span().at(text, 2)), this);
    }
    return expr.expand(t, this);
  }
}
