package runbook.parse;

import java.util.Objects;
import runbook.model.SourceSpan;

/**
 * A scalar as written.
 *
 * @param value the text after YAML's unquoting and folding
 * @param type what the YAML 1.2 core schema makes of it; only plain scalars are other than STRING
 * @param span where the node starts (an opening quote, a {@code |})
 * @param valueSpan where the value's first character stands: after an opening quote, on the first
 *     content line of a block scalar. Templates and expressions carry this one.
 */
public record YamlScalar(String value, Type type, SourceSpan span, SourceSpan valueSpan) implements YamlNode {
  /** The core schema's resolution of a scalar. */
  public enum Type { STRING, INT, FLOAT, BOOL, NULL }

  public YamlScalar {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(valueSpan, "valueSpan");
  }

  @Override
  public String describe() {
    if (type == Type.NULL) {
      return "nothing";
    }
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "`" + shown.replace("\n", "\\n") + "`";
  }
}
