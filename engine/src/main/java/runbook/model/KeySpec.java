package runbook.model;

import java.util.Objects;
import java.util.function.Function;

/**
 * One key of an action's mapping (or of a step, for the common keys, or of a nested mapping such as
 * {@code retry}): the one description that the parser's key lists, {@code runbook schema}, {@code
 * runbook render} and docs/format.md are made from. Keys are written, listed and documented in the
 * order of their descriptor's list.
 *
 * @param name as written in YAML
 * @param type the kind of value
 * @param required whether the parser refuses the mapping without it ({@code MappingReader} reports
 *     a missing one from here)
 * @param doc what the key means, as docs/format.md and the schema's description show it
 * @param value reads the key's value from the model object that holds it (a {@link StepInfo} for a
 *     common key, the step, its {@link Command} or {@link TableSpec}...); null when the key is absent
 *     or holds its default, so that {@code render} leaves it out
 */
public record KeySpec(String name, ValueType type, boolean required, String doc, Function<Object, Object> value) {
  public KeySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(value, "value");
  }

  /** A key whose value is read from a model object of class {@code owner}. */
  public static <T> KeySpec of(String name, ValueType type, boolean required, Class<T> owner,
      Function<T, Object> value, String doc) {
    return new KeySpec(name, type, required, doc, o -> value.apply(owner.cast(o)));
  }

  /** The value in {@code owner}, or null when absent or at its default. */
  public Object valueIn(Object owner) {
    return value.apply(owner);
  }
}
