package runbook.expr;

import java.util.List;
import java.util.Map;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlOperator;
import org.apache.commons.jexl3.introspection.JexlMethod;
import org.apache.commons.jexl3.introspection.JexlPropertyGet;
import org.apache.commons.jexl3.introspection.JexlPropertySet;
import org.apache.commons.jexl3.introspection.JexlUberspect;

/**
 * Narrows what an expression can reach at run time, below JEXL's restricted permissions: a field
 * read is a map key or a list index, never a Java getter ({@code ''.bytes}, {@code list.empty});
 * methods and constructors resolve only on the engine's function classes; nothing is written and
 * no class is loaded by name.
 */
final class SandboxUberspect implements JexlUberspect {
  private static final String FUNCTIONS = "runbook.expr.fn.";
  private final JexlUberspect base;

  SandboxUberspect(JexlUberspect base) {
    this.base = base;
  }

  @Override
  public JexlPropertyGet getPropertyGet(List<PropertyResolver> resolvers, Object obj, Object identifier) {
    return new FieldRead(identifier);
  }

  @Override
  public JexlPropertyGet getPropertyGet(Object obj, Object identifier) {
    return new FieldRead(identifier);
  }

  @Override
  public JexlPropertySet getPropertySet(List<PropertyResolver> resolvers, Object obj, Object identifier, Object arg) {
    return null;
  }

  @Override
  public JexlPropertySet getPropertySet(Object obj, Object identifier, Object arg) {
    return null;
  }

  @Override
  public JexlMethod getMethod(Object obj, String method, Object... args) {
    return isFunctions(obj) ? base.getMethod(obj, method, args) : null;
  }

  @Override
  public JexlMethod getConstructor(Object ctorHandle, Object... args) {
    return isFunctions(ctorHandle) ? base.getConstructor(ctorHandle, args) : null;
  }

  @Override
  public Class<?> getClassByName(String className) {
    return null;
  }

  @Override
  public java.util.Iterator<?> getIterator(Object obj) {
    return base.getIterator(obj);
  }

  @Override
  public JexlArithmetic.Uberspect getArithmetic(JexlArithmetic arithmetic) {
    return base.getArithmetic(arithmetic);
  }

  @Override
  public JexlOperator.Uberspect getOperator(JexlArithmetic arithmetic) {
    return base.getOperator(arithmetic);
  }

  @Override
  public List<PropertyResolver> getResolvers(JexlOperator op, Object obj) {
    return base.getResolvers(op, obj);
  }

  @Override
  public ClassLoader getClassLoader() {
    return base.getClassLoader();
  }

  @Override
  public void setClassLoader(ClassLoader loader) {
    base.setClassLoader(loader);
  }

  @Override
  public int getVersion() {
    return base.getVersion();
  }

  private static boolean isFunctions(Object handle) {
    Class<?> type = handle instanceof Class ? (Class<?>) handle : handle == null ? null : handle.getClass();
    String name = handle instanceof String ? (String) handle : type == null ? "" : type.getName();
    return name.startsWith(FUNCTIONS) && name.indexOf('.', FUNCTIONS.length()) < 0;
  }

  /** A map key or a list index; anything else is outside the sandbox. */
  private static final class FieldRead implements JexlPropertyGet {
    private final Object identifier;

    FieldRead(Object identifier) {
      this.identifier = identifier;
    }

    @Override
    public Object invoke(Object obj) {
      if (obj instanceof Map) {
        Map<?, ?> map = (Map<?, ?>) obj;
        if (!map.containsKey(identifier)) {
          throw new Lookup.MissingKey(String.valueOf(identifier), map.keySet());
        }
        return map.get(identifier);
      }
      if (obj instanceof List && identifier instanceof Number) {
        List<?> list = (List<?>) obj;
        long index = ((Number) identifier).longValue();
        if (index < 0 || index >= list.size()) {
          throw new Lookup.BadIndex("index " + index + " is out of range: the list has " + list.size()
              + (list.size() == 1 ? " element" : " elements"));
        }
        return list.get((int) index);
      }
      throw new Lookup.Forbidden("cannot read `" + identifier + "` of " + kind(obj)
          + ": only map keys and list indexes can be read");
    }

    @Override
    public Object tryInvoke(Object obj, Object key) {
      return JexlEngine.TRY_FAILED;
    }

    @Override
    public boolean tryFailed(Object rval) {
      return rval == JexlEngine.TRY_FAILED;
    }

    @Override
    public boolean isCacheable() {
      return false;
    }

    private static String kind(Object obj) {
      if (obj instanceof String) {
        return "a string";
      }
      if (obj instanceof List) {
        return "a list (use a number: list[0])";
      }
      if (obj instanceof Number) {
        return "a number";
      }
      if (obj instanceof Boolean) {
        return "a boolean";
      }
      return "a value of type " + (obj == null ? "null" : obj.getClass().getSimpleName());
    }
  }
}
