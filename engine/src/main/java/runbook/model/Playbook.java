package runbook.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A resolved playbook (variants already applied): what the engine runs.
 *
 * @param file the path of the file it was read from (for a variant, the variant's file)
 * @param name {@code [a-z0-9][a-z0-9-]*}
 * @param title one line
 * @param description markdown; null for none
 * @param requires programs that must be on PATH before the first step
 * @param params in file order
 * @param env environment for every command, in file order
 * @param vars derived values, evaluated when first used, in file order
 * @param steps the top-level steps
 * @param sources the files this playbook was resolved from, the file itself first (a variant's
 *     bases follow)
 */
public record Playbook(
    String file,
    int version,
    String name,
    String title,
    String description,
    List<Ref> requires,
    Map<String, Param> params,
    Map<String, Template> env,
    Map<String, Template> vars,
    List<Step> steps,
    List<String> sources,
    SourceSpan span) {
  public Playbook {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    requires = List.copyOf(requires);
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    steps = List.copyOf(steps);
    sources = List.copyOf(sources);
  }

  /** Every step in execution order, depth first: groups, then their children, then on-failure and fix steps. */
  public List<Step> allSteps() {
    return flatten(steps);
  }

  /** These steps and every step inside them, in the order of {@link #allSteps()}. */
  public static List<Step> flatten(List<Step> steps) {
    List<Step> out = new ArrayList<>();
    collect(steps, out);
    return out;
  }

  /** The playbook's own templates: {@code env} (every command's) and {@code vars}, in file order. */
  public List<Evaluated> evaluated() {
    Evaluated.Builder b = new Evaluated.Builder();
    env.forEach((k, v) -> b.template("env." + k, v, Set.of(), false));
    vars.forEach((k, v) -> b.template("vars." + k, v, Set.of(), false));
    return b.build();
  }

  /**
   * The ids of the steps whose results {@code step} itself reads (not its children): those it names
   * in {@code of}, the confirm its {@code confirmed-by} needs, and those its expressions and templates read, directly or through the vars they
   * read. {@code names} gives the top-level names an expression or template reads (the expression
   * engine knows them; the model does not parse expressions). Ids of steps that do not exist are
   * left out.
   */
  public Set<String> stepsRead(Step step, Function<Evaluated, Set<String>> names) {
    Set<String> ids = new HashSet<>();
    allSteps().forEach(s -> ids.add(s.id()));
    Set<String> out = new LinkedHashSet<>();
    step.refs().forEach(r -> out.add(r.id()));
    if (step.info().confirmedBy() != null) {
      // the guard's approval is read before the step runs
      out.add(step.info().confirmedBy().id());
    }
    Map<String, Evaluated> varByName = new HashMap<>();
    vars.forEach((k, v) -> varByName.put(k, new Evaluated("vars." + k, null, v, Set.of(), false, false)));
    Deque<Evaluated> todo = new ArrayDeque<>(step.evaluated());
    Set<String> varsSeen = new HashSet<>();
    while (!todo.isEmpty()) {
      Evaluated e = todo.pop();
      for (String name : names.apply(e)) {
        if (e.locals().contains(name)) {
          continue;
        }
        if (ids.contains(name)) {
          out.add(name);
        } else if (varByName.containsKey(name) && varsSeen.add(name)) {
          todo.push(varByName.get(name));
        }
      }
    }
    out.retainAll(ids);
    return out;
  }

  /** The step with this id anywhere in the playbook. */
  public Optional<Step> step(String id) {
    return allSteps().stream().filter(s -> s.id().equals(id)).findFirst();
  }

  private static void collect(List<Step> steps, List<Step> out) {
    for (Step s : steps) {
      out.add(s);
      collect(s.children(), out);
    }
  }
}
