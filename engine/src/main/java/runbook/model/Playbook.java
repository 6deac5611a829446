package runbook.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
