package runbook.expr;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import runbook.expr.fn.DmFunctions;
import runbook.expr.fn.SizeFunctions;
import runbook.expr.fn.StringFunctions;

/** The functions an expression may call, with how each is called, for checks and hints. */
final class Catalog {
  static final Map<String, Class<?>> NAMESPACES = Map.of(
      "size", SizeFunctions.class, "str", StringFunctions.class, "dm", DmFunctions.class);

  /** Usage of every function, by its name as written, in the order hints list them. */
  static final Map<String, String> USAGE = usage();

  /** The top-level function names; worked out once, since every word of every expression is looked up. */
  private static final Set<String> TOP_LEVEL = Collections.unmodifiableSet(
      USAGE.keySet().stream().filter(n -> n.indexOf(':') < 0).collect(Collectors.<String, TreeSet<String>>toCollection(TreeSet::new)));

  /** Each namespace's functions, read from its class once. */
  private static final Map<Class<?>, Set<String>> FUNCTIONS = NAMESPACES.values().stream()
      .collect(Collectors.toUnmodifiableMap(c -> c, Catalog::readFunctions));

  /** Words JEXL itself gives meaning to when followed by {@code (}; its parser and features judge them. */
  static final Set<String> KEYWORDS = Set.of(
      "if", "else", "for", "while", "do", "new", "var", "let", "const", "function", "return", "break",
      "continue", "switch", "case", "default", "try", "catch", "finally", "throw", "not", "and", "or", "eq",
      "ne", "lt", "gt", "le", "ge", "div", "mod", "empty", "size", "null", "true", "false", "NaN", "in",
      "instanceof");

  private Catalog() {}

  private static Map<String, String> usage() {
    Map<String, String> u = new LinkedHashMap<>();
    u.put("all", "all(list, x -> condition)");
    u.put("any", "any(list, x -> condition)");
    u.put("filter", "filter(list, x -> condition)");
    u.put("first", "first(list) or first(list, x -> condition)");
    u.put("count", "count(list) or count(list, x -> condition)");
    u.put("sum", "sum(list) or sum(list, x -> number)");
    u.put("min", "min(list) or min(list, x -> value)");
    u.put("max", "max(list) or max(list, x -> value)");
    u.put("map", "map(list, x -> value)");
    u.put("size:bytes", "size:bytes('4G')");
    u.put("size:human", "size:human(bytes)");
    u.put("str:lower", "str:lower(s)");
    u.put("str:trim", "str:trim(s)");
    u.put("str:split", "str:split(s, separator)");
    u.put("str:join", "str:join(list, separator)");
    u.put("str:replace", "str:replace(s, text, replacement)");
    u.put("str:starts", "str:starts(s, prefix)");
    u.put("str:ends", "str:ends(s, suffix)");
    u.put("str:contains", "str:contains(s, text)");
    u.put("dm:name", "dm:name(vg, lv)");
    return Collections.unmodifiableMap(u);
  }

  /** The top-level function names. */
  static Set<String> topLevel() {
    return TOP_LEVEL;
  }

  /** The functions of a namespace, as the class offers them. */
  static Set<String> functions(Class<?> namespace) {
    return FUNCTIONS.get(namespace);
  }

  private static Set<String> readFunctions(Class<?> namespace) {
    return Arrays.stream(namespace.getMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == namespace)
        .map(Method::getName)
        .collect(Collectors.collectingAndThen(Collectors.toCollection(TreeSet::new), Collections::unmodifiableSet));
  }
}
