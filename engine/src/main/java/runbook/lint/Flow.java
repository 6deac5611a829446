package runbook.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import runbook.model.Expr;
import runbook.model.GroupStep;
import runbook.model.RequireStateStep;
import runbook.model.Step;

/**
 * What is known about every step's result at the entry of every step, like a compiler's
 * definite-assignment analysis. Steps run in order; a {@code when} may skip a step or a whole group
 * (a skipped step still has a result: {@code skipped} is true); {@code fix} and {@code on-failure}
 * steps run only sometimes; a failing step stops the run unless it has {@code continue-on-error}.
 */
final class Flow {
  /** How sure we are that a step's result exists. */
  enum Kind {
    /** The step ran: every field of its result can be read. */
    RAN,
    /** The step was reached but may have been skipped by the listed conditions. */
    MAYBE_SKIPPED,
    /** The step may not have been reached at all: not even {@code .skipped} can be read. */
    MAYBE_ABSENT
  }

  /**
   * @param kind how sure
   * @param causes for {@link Kind#MAYBE_SKIPPED}: the {@code when}s whose falsity skips the step
   */
  record Known(Kind kind, List<Expr> causes) {
    static final Known RAN = new Known(Kind.RAN, List.of());
    static final Known ABSENT = new Known(Kind.MAYBE_ABSENT, List.of());

    Known skippedBy(Expr when) {
      if (kind == Kind.MAYBE_ABSENT) {
        return this;
      }
      List<Expr> more = new ArrayList<>(causes);
      more.add(when);
      return new Known(Kind.MAYBE_SKIPPED, List.copyOf(more));
    }
  }

  /**
   * The state at a step's entry.
   *
   * @param known what is known about each step id's result; an id that is missing has not run
   * @param guards the step's own {@code when} and those of its enclosing groups, innermost last
   */
  record Point(Map<String, Known> known, List<Expr> guards) {}

  private final Map<Step, Point> entries = new IdentityHashMap<>();

  private Flow() {}

  static Flow of(List<Step> steps) {
    Flow flow = new Flow();
    flow.walk(steps, new HashMap<>(), List.of());
    return flow;
  }

  /** The state at the entry of {@code step}, which must belong to the analysed playbook. */
  Point entry(Step step) {
    return entries.get(step);
  }

  private void walk(List<Step> steps, Map<String, Known> state, List<Expr> guards) {
    for (Step s : steps) {
      step(s, state, guards);
    }
  }

  private void step(Step s, Map<String, Known> state, List<Expr> outer) {
    Expr when = s.info().when();
    List<Expr> guards = outer;
    if (when != null) {
      List<Expr> g = new ArrayList<>(outer);
      g.add(when);
      guards = List.copyOf(g);
    }
    entries.put(s, new Point(Map.copyOf(state), guards));

    // the maps are copied only where a nested walk needs its own: a playbook has many steps, and
    // most are neither groups nor carry on-failure steps
    List<String> added = List.of();
    Map<String, Known> inner = state;
    if (s instanceof GroupStep || s instanceof RequireStateStep) {
      inner = new HashMap<>(state);
      if (s instanceof GroupStep group) {
        walk(group.steps(), inner, guards);
      }
      if (s instanceof RequireStateStep require) {
        Map<String, Known> fixed = new HashMap<>(inner);
        walk(require.fix(), fixed, guards);
        markAdded(inner, fixed, inner);
      }
      added = added(state, inner);
    }

    // on-failure runs after this step (or any step of the group) failed, maybe part way through
    List<String> addedOnFailure = List.of();
    if (!s.info().onFailure().isEmpty()) {
      Map<String, Known> failed = new HashMap<>(state);
      for (String id : added) {
        failed.put(id, Known.ABSENT);
      }
      failed.put(s.id(), Known.RAN);
      Map<String, Known> afterFailure = new HashMap<>(failed);
      walk(s.info().onFailure(), afterFailure, guards);
      addedOnFailure = added(failed, afterFailure);
    }

    for (String id : added) {
      Known k = inner.get(id);
      if (s.info().continueOnError()) {
        k = Known.ABSENT;
      } else if (when != null) {
        k = k.skippedBy(when);
      }
      state.put(id, k);
    }
    for (String id : addedOnFailure) {
      state.put(id, Known.ABSENT);
    }
    state.put(s.id(), when == null ? Known.RAN : Known.RAN.skippedBy(when));
  }

  private static List<String> added(Map<String, Known> before, Map<String, Known> after) {
    List<String> out = new ArrayList<>();
    for (String id : after.keySet()) {
      if (!before.containsKey(id)) {
        out.add(id);
      }
    }
    return out;
  }

  private static void markAdded(Map<String, Known> before, Map<String, Known> after, Map<String, Known> into) {
    for (String id : added(before, after)) {
      into.put(id, Known.ABSENT);
    }
  }
}
