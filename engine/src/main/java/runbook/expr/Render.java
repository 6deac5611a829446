package runbook.expr;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/** How a value is written into text. Only scalars have one obvious text form. */
final class Render {
  private Render() {}

  /** The text of a scalar; null, maps and lists are refused with a message saying what to write instead. */
  static String text(Object value, String source) {
    if (value == null) {
      throw new IllegalArgumentException("`${" + source + "}` is null: there is no text to write");
    }
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("`${" + source + "}` is not a finite number: " + d);
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Map) {
      throw new IllegalArgumentException("`${" + source + "}` is a map: pick one of its values");
    }
    if (value instanceof Collection || value.getClass().isArray()) {
      throw new IllegalArgumentException(
          "`${" + source + "}` is a list: pick an element or join them, e.g. str:join(list, ' ')");
    }
    throw new IllegalArgumentException("`${" + source + "}` has no text form");
  }

  /** Single-quoted for bash: the value is one word whatever it holds. */
  static String shellQuoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
