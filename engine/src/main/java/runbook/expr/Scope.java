package runbook.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The names an expression can read. Asking for a name that {@link #has} denies is an error, never a
 * silent null.
 */
public interface Scope {
  boolean has(String name);

  Object get(String name);

  /** Every name in scope, used to suggest a close one when a name is misspelt. */
  default Set<String> names() {
    return Set.of();
  }

  /** A scope over a copy of the map; a key mapped to null is defined and reads as null. */
  static Scope of(Map<String, ?> values) {
    Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    return new Scope() {
      @Override
      public boolean has(String name) {
        return copy.containsKey(name);
      }

      @Override
      public Object get(String name) {
        return copy.get(name);
      }

      @Override
      public Set<String> names() {
        return copy.keySet();
      }
    };
  }
}
