package runbook.expr.fn;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Argument checks shared by the functions; failures name the function and what it was given. */
public final class Args {
  private Args() {}

  static List<Object> list(String function, Object value) {
    if (value instanceof Collection) {
      return new ArrayList<>((Collection<?>) value);
    }
    if (value != null && value.getClass().isArray()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        out.add(Array.get(value, i));
      }
      return out;
    }
    throw new IllegalArgumentException(function + "() expects a list, found " + describe(value));
  }

  static String text(String function, Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException(function + "() expects a string, found " + describe(value));
  }

  static Number number(String function, Object value) {
    if (value instanceof Number) {
      return (Number) value;
    }
    throw new IllegalArgumentException(function + "() expects a number, found " + describe(value));
  }

  /** A value as a message names it: {@code the string 'pve'}, {@code a list}, {@code null}. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "the string '" + value + "'";
    }
    if (value instanceof Collection || value.getClass().isArray()) {
      return "a list";
    }
    if (value instanceof java.util.Map) {
      return "a map";
    }
    if (value instanceof Number) {
      return "the number " + value;
    }
    if (value instanceof Boolean) {
      return "the boolean " + value;
    }
    return "a " + value.getClass().getSimpleName();
  }

  static boolean integral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || n instanceof java.math.BigInteger;
  }
}
