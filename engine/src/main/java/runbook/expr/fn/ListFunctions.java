package runbook.expr.fn;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlScript;

/**
 * The top-level list helpers: {@code all(list, x -> cond)}, {@code any}, {@code filter},
 * {@code first}, {@code count}, {@code sum}, {@code min}, {@code max}, {@code map}. An instance is
 * made per evaluation, holding its context, so a lambda can run against the same names.
 */
public final class ListFunctions {
  private final JexlContext context;

  public ListFunctions(JexlContext context) {
    this.context = context;
  }

  public boolean all(Object list, JexlScript condition) {
    for (Object x : Args.list("all", list)) {
      if (!holds("all", condition, x)) {
        return false;
      }
    }
    return true;
  }

  public boolean any(Object list, JexlScript condition) {
    for (Object x : Args.list("any", list)) {
      if (holds("any", condition, x)) {
        return true;
      }
    }
    return false;
  }

  public List<Object> filter(Object list, JexlScript condition) {
    List<Object> out = new ArrayList<>();
    for (Object x : Args.list("filter", list)) {
      if (holds("filter", condition, x)) {
        out.add(x);
      }
    }
    return out;
  }

  /** The first element, or null for an empty list. */
  public Object first(Object list) {
    List<Object> items = Args.list("first", list);
    return items.isEmpty() ? null : items.get(0);
  }

  /** The first element that satisfies the condition, or null when none does. */
  public Object first(Object list, JexlScript condition) {
    for (Object x : Args.list("first", list)) {
      if (holds("first", condition, x)) {
        return x;
      }
    }
    return null;
  }

  public int count(Object list) {
    return Args.list("count", list).size();
  }

  public int count(Object list, JexlScript condition) {
    return filter(list, condition).size();
  }

  public Object sum(Object list) {
    return total(Args.list("sum", list));
  }

  public Object sum(Object list, JexlScript value) {
    return total(map(list, value));
  }

  /** The smallest element (numbers, or strings), or null for an empty list. */
  public Object min(Object list) {
    return extreme("min", Args.list("min", list), -1);
  }

  public Object min(Object list, JexlScript value) {
    return extreme("min", map(list, value), -1);
  }

  public Object max(Object list) {
    return extreme("max", Args.list("max", list), 1);
  }

  public Object max(Object list, JexlScript value) {
    return extreme("max", map(list, value), 1);
  }

  public List<Object> map(Object list, JexlScript value) {
    List<Object> out = new ArrayList<>();
    for (Object x : Args.list("map", list)) {
      Bounds.check();
      out.add(value.execute(context, x));
    }
    return out;
  }

  /**
   * {@code size(x)}: the length of text, a list or a map, 0 for null. An error in {@code x} is the
   * expression's error, never a length (JEXL's own size() would give 0).
   */
  public int rbsz(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof CharSequence) {
      return ((CharSequence) value).length();
    }
    if (value instanceof java.util.Collection) {
      return ((java.util.Collection<?>) value).size();
    }
    if (value instanceof java.util.Map) {
      return ((java.util.Map<?, ?>) value).size();
    }
    if (value.getClass().isArray()) {
      return java.lang.reflect.Array.getLength(value);
    }
    throw new IllegalArgumentException("size() expects text, a list or a map, found " + Args.describe(value));
  }

  /** {@code empty(x)}: true for null, empty text, an empty list or map, and zero; errors in {@code x} stay errors. */
  public boolean rbemp(Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue() == 0;
    }
    if (value instanceof Boolean) {
      return false;
    }
    return rbsz(value) == 0;
  }

  private boolean holds(String function, JexlScript condition, Object element) {
    Bounds.check();
    Object result = condition.execute(context, element);
    if (result instanceof Boolean) {
      return (Boolean) result;
    }
    throw new IllegalArgumentException(
        "the condition given to " + function + "() must yield true or false, found " + Args.describe(result));
  }

  private static Object total(List<Object> values) {
    long whole = 0;
    double real = 0;
    boolean integral = true;
    for (Object v : values) {
      Number n = Args.number("sum", v);
      if (integral && Args.integral(n)) {
        whole = Math.addExact(whole, n.longValue());
      } else {
        if (integral) {
          real = whole;
          integral = false;
        }
        real += n.doubleValue();
      }
    }
    return integral ? (Object) whole : (Object) real;
  }

  private static Object extreme(String function, List<Object> values, int sign) {
    Object best = null;
    for (Object v : values) {
      if (best == null || sign * compare(function, v, best) > 0) {
        best = v;
      }
    }
    return best;
  }

  private static int compare(String function, Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    if (a instanceof String && b instanceof String) {
      return ((String) a).compareTo((String) b);
    }
    throw new IllegalArgumentException(
        function + "() compares numbers or strings, found " + Args.describe(a) + " and " + Args.describe(b));
  }
}
