package runbook.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** Writes values as JSON text, compact or indented. */
final class JsonWriter {
  private final boolean pretty;
  private final StringBuilder out = new StringBuilder();

  JsonWriter(boolean pretty) {
    this.pretty = pretty;
  }

  String write(Object value) {
    value(value, 0);
    return out.toString();
  }

  private void value(Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      string((String) value);
    } else if (value instanceof Character || value instanceof Enum<?>) {
      string(value instanceof Enum<?> ? ((Enum<?>) value).name() : value.toString());
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Number) {
      number((Number) value);
    } else if (value instanceof Map<?, ?>) {
      object((Map<?, ?>) value, depth + 1);
    } else if (value instanceof Collection<?>) {
      array((Collection<?>) value, depth + 1);
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as json");
    }
  }

  private void object(Map<?, ?> map, int depth) {
    checkDepth(depth);
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<?, ?> e = it.next();
      if (!(e.getKey() instanceof String)) {
        throw new IllegalArgumentException("json object keys must be strings, found " + describeKey(e.getKey()));
      }
      newline(depth);
      string((String) e.getKey());
      out.append(pretty ? ": " : ":");
      value(e.getValue(), depth);
      if (it.hasNext()) {
        out.append(',');
      }
    }
    newline(depth - 1);
    out.append('}');
  }

  private void array(Collection<?> list, int depth) {
    checkDepth(depth);
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    Iterator<?> it = list.iterator();
    while (it.hasNext()) {
      newline(depth);
      value(it.next(), depth);
      if (it.hasNext()) {
        out.append(',');
      }
    }
    newline(depth - 1);
    out.append(']');
  }

  private static void checkDepth(int depth) {
    if (depth > Json.MAX_DEPTH) {
      throw new IllegalArgumentException("value nested deeper than " + Json.MAX_DEPTH + " levels (does it contain itself?)");
    }
  }

  private void newline(int depth) {
    if (pretty) {
      out.append('\n');
      out.append("  ".repeat(depth));
    }
  }

  private void number(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("json has no " + d + "; write a finite number or null");
      }
      out.append(n);
    } else if (n instanceof BigDecimal || n instanceof BigInteger || n instanceof Long || n instanceof Integer
        || n instanceof Short || n instanceof Byte) {
      out.append(n);
    } else {
      // other Number types (atomics, adders) promise nothing about toString; their value does
      out.append(new BigDecimal(n.toString()));
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || isLoneSurrogate(s, i)) {
            // control characters must be escaped; the line separators and lone surrogates are
            // escaped too so the text stays valid UTF-8 and safe to embed anywhere
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  private static String describeKey(Object key) {
    return key == null ? "null" : "a " + key.getClass().getSimpleName() + " (" + key + ")";
  }
}
