package runbook.model;

import java.util.Objects;

/**
 * One field of a step's result, what {@code <id>.name} reads after the step ran.
 *
 * @param name the field name
 * @param type what the value is, in the words of the format reference ({@code int}, {@code text},
 *     {@code list of rows}...)
 * @param doc one line for the format reference and for lint's messages
 */
public record ResultField(String name, String type, String doc) {
  public ResultField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
  }
}
