package runbook.table;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import runbook.json.Json;
import runbook.model.ColumnType;
import runbook.units.Sizes;

/** Converts one cell to its column's type. An empty cell of a typed column is null, never a default. */
final class Cells {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  // a decimal comma is accepted because lvm prints numbers in the locale's form (4,54t; 60,01)
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+([.,]\\d*)?|[.,]\\d+)([eE][+-]?\\d+)?");

  private Cells() {}

  /**
   * @param type null for an untyped column: the value stays as read (a string, or a json value)
   * @throws IllegalArgumentException naming what was expected and what was found
   */
  static Object convert(Object cell, ColumnType type) {
    if (type == null) {
      return cell;
    }
    if (cell == null) {
      return null;
    }
    if (cell instanceof String) {
      return fromText((String) cell, type);
    }
    if (cell instanceof Map<?, ?> || cell instanceof List<?>) {
      throw mismatch(cell, type);
    }
    return fromJsonScalar(cell, type);
  }

  private static Object fromText(String text, ColumnType type) {
    String s = text.strip();
    if (s.isEmpty() && type != ColumnType.STRING) {
      return null;
    }
    return switch (type) {
      case INT -> integer(s, text);
      case NUMBER -> decimal(s, text, "a number");
      case PERCENT -> decimal(s.endsWith("%") ? s.substring(0, s.length() - 1).strip() : s, text, "a percentage");
      case BOOL -> bool(s, text);
      case BYTES -> Sizes.parseBytes(s);
      case STRING -> text;
    };
  }

  private static Long integer(String s, String text) {
    if (!INTEGER.matcher(s).matches()) {
      throw new IllegalArgumentException("expected an integer, found '" + text + "'");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("integer out of range: '" + text + "'", e);
    }
  }

  private static Object fromJsonScalar(Object value, ColumnType type) {
    return switch (type) {
      case STRING -> value instanceof String ? value : Json.write(value);
      case BOOL -> value instanceof Boolean ? value : bool(value.toString(), value.toString());
      case INT, BYTES -> wholeNumber(value, type);
      case NUMBER, PERCENT -> {
        if (!(value instanceof Number)) {
          throw mismatch(value, type);
        }
        yield ((Number) value).doubleValue();
      }
    };
  }

  private static Long wholeNumber(Object value, ColumnType type) {
    if (value instanceof Long) {
      return (Long) value;
    }
    if (!(value instanceof Number)) {
      throw mismatch(value, type);
    }
    try {
      return new BigDecimal(value.toString()).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("expected " + expected(type) + ", found " + value, e);
    }
  }

  private static IllegalArgumentException mismatch(Object value, ColumnType type) {
    return new IllegalArgumentException("expected " + expected(type) + ", found " + JsonRowsReader.kind(value)
        + " " + Json.write(value));
  }

  private static Double decimal(String s, String text, String what) {
    if (!DECIMAL.matcher(s).matches()) {
      throw new IllegalArgumentException("expected " + what + ", found '" + text + "'");
    }
    return Double.valueOf(s.replace(',', '.'));
  }

  private static Boolean bool(String s, String text) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> Boolean.TRUE;
      case "false", "no", "n", "0" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException(
          "expected a boolean (true/false, yes/no, y/n, 1/0), found '" + text + "'");
    };
  }

  private static String expected(ColumnType type) {
    return switch (type) {
      case INT -> "an integer";
      case BYTES -> "a size in bytes";
      case BOOL -> "a boolean";
      case PERCENT -> "a percentage";
      case NUMBER -> "a number";
      case STRING -> "a string";
    };
  }
}
