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
      throw new IllegalArgumentException("expected " + expected(type) + ", found " + JsonRowsReader.kind(cell)
          + " " + Json.write(cell));
    }
    return fromJsonScalar(cell, type);
  }

  private static Object fromText(String text, ColumnType type) {
    String s = text.strip();
    if (type == ColumnType.STRING) {
      return text;
    }
    if (s.isEmpty()) {
      return null;
    }
    switch (type) {
      case INT:
        if (!INTEGER.matcher(s).matches()) {
          throw new IllegalArgumentException("expected an integer, found '" + text + "'");
        }
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("integer out of range: '" + text + "'", e);
        }
      case NUMBER:
        return decimal(s, text, "a number");
      case PERCENT:
        return decimal(s.endsWith("%") ? s.substring(0, s.length() - 1).strip() : s, text, "a percentage");
      case BOOL:
        return bool(s, text);
      case BYTES:
        return Sizes.parseBytes(s);
      default:
        throw new IllegalStateException("unhandled column type " + type);
    }
  }

  private static Object fromJsonScalar(Object value, ColumnType type) {
    switch (type) {
      case STRING:
        return value instanceof String ? value : Json.write(value);
      case BOOL:
        if (value instanceof Boolean) {
          return value;
        }
        return bool(value.toString(), value.toString());
      case INT:
      case BYTES:
        if (value instanceof Long) {
          return value;
        }
        if (value instanceof Number) {
          try {
            return new BigDecimal(value.toString()).longValueExact();
          } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expected " + expected(type) + ", found " + value, e);
          }
        }
        throw new IllegalArgumentException("expected " + expected(type) + ", found " + JsonRowsReader.kind(value)
            + " " + value);
      default:
        if (value instanceof Number) {
          return ((Number) value).doubleValue();
        }
        throw new IllegalArgumentException("expected " + expected(type) + ", found " + JsonRowsReader.kind(value)
            + " " + value);
    }
  }

  private static Double decimal(String s, String text, String what) {
    if (!DECIMAL.matcher(s).matches()) {
      throw new IllegalArgumentException("expected " + what + ", found '" + text + "'");
    }
    return Double.valueOf(s.replace(',', '.'));
  }

  private static Boolean bool(String s, String text) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "y": case "1":
        return Boolean.TRUE;
      case "false": case "no": case "n": case "0":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("expected a boolean (true/false, yes/no, y/n, 1/0), found '" + text + "'");
    }
  }

  private static String expected(ColumnType type) {
    switch (type) {
      case INT: return "an integer";
      case BYTES: return "a size in bytes";
      case BOOL: return "a boolean";
      case PERCENT: return "a percentage";
      case NUMBER: return "a number";
      default: return "a string";
    }
  }
}
