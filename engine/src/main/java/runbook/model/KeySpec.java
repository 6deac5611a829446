package runbook.model;

import java.util.Objects;

/**
 * One key of an action's mapping (or of a step, for the common keys).
 *
 * @param name as written in YAML
 * @param type the kind of value, in the format reference's words
 * @param required whether the parser refuses the mapping without it
 * @param doc what the key means, as docs/format.md shows it
 */
public record KeySpec(String name, String type, boolean required, String doc) {
  public KeySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
  }
}
