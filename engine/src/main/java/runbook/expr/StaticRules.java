package runbook.expr;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Set;

/**
 * Sandbox rules JEXL's feature switches do not cover, checked on the expression's tokens: words
 * that only serve to reach Java ({@code java.lang.System}, {@code ''.class}), the {@code function}
 * keyword, and JEXL's own backtick templates. String literals are skipped.
 */
final class StaticRules {
  private static final Set<String> JAVA_WORDS = Set.of(
      "class", "getClass", "forName", "java", "javax", "jdk", "sun", "System", "Runtime", "Class",
      "ClassLoader", "Thread", "ProcessBuilder", "Files", "Paths");

  private StaticRules() {}

  /**
   * Checks {@code ns:fn} at {@code start} (the colon at {@code colon}) against the engine's
   * namespaces and their functions; returns the index after {@code fn}.
   */
  private static int namespaceCall(String source, int start, int colon, List<Problem> problems) {
    String namespace = source.substring(start, colon);
    int i = colon + 1;
    while (i < source.length() && Character.isJavaIdentifierPart(source.charAt(i))) {
      i++;
    }
    String function = source.substring(colon + 1, i);
    Class<?> functions = Jexl.NAMESPACES.get(namespace);
    if (functions == null) {
      problems.add(new Problem(Problem.SANDBOX, "unknown function namespace `" + namespace + ":`", start,
          "the namespaces are " + String.join(", ", new java.util.TreeSet<>(Jexl.NAMESPACES.keySet()))));
    } else {
      Set<String> names = Arrays.stream(functions.getMethods())
          .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == functions)
          .map(Method::getName)
          .collect(Collectors.toCollection(TreeSet::new));
      if (!names.contains(function)) {
        String hint = Suggest.hint(function, names);
        problems.add(new Problem(Problem.UNDEFINED, "unknown function `" + namespace + ":" + function + "`", start,
            hint != null && hint.startsWith("did") ? hint : "`" + namespace + ":` has " + String.join(", ", names)));
      }
    }
    return i;
  }

  /** Past the string at {@code i}; an unclosed one runs to the end (JEXL reports it). */
  private static int end(String source, int i) {
    int end = Lexing.skipString(source, i);
    return end < 0 ? source.length() : end;
  }

  static List<Problem> check(String source) {
    List<Problem> problems = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\'' || c == '"') {
        i = end(source, i);
      } else if (c == '`') {
        problems.add(new Problem(Problem.SANDBOX,
            "backtick templates are not allowed in an expression", i,
            "build text with str:join or write the text around the ${...} in the YAML string"));
        i = end(source, i);
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i;
        while (i < source.length() && Character.isJavaIdentifierPart(source.charAt(i))) {
          i++;
        }
        String word = source.substring(start, i);
        if (word.equals("function")) {
          problems.add(new Problem(Problem.SANDBOX, "function definitions are not allowed", start,
              "pass a lambda to a list function instead: all(list, x -> x.ok)"));
        } else if (i + 1 < source.length() && source.charAt(i) == ':'
            && Character.isJavaIdentifierStart(source.charAt(i + 1))) {
          i = namespaceCall(source, start, i, problems);
        } else if (JAVA_WORDS.contains(word)) {
          problems.add(new Problem(Problem.SANDBOX,
              "`" + word + "` is not allowed: expressions cannot reach Java classes", start,
              "an expression reads params, vars and step results and calls the engine's functions"));
        }
      } else {
        i++;
      }
    }
    return problems;
  }
}
