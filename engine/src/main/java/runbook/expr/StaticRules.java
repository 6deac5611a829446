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

  static List<Problem> check(String source) {
    List<Problem> problems = new ArrayList<>();
    List<Lexing.Token> tokens = Lexing.tokens(source);
    for (int i = 0; i < tokens.size(); i++) {
      Lexing.Token t = tokens.get(i);
      if (t.backtick()) {
        problems.add(new Problem(Problem.SANDBOX, "backtick templates are not allowed in an expression", t.start(),
            "build text with str:join or write the text around the ${...} in the YAML string"));
      } else if (t.text().equals("function")) {
        problems.add(new Problem(Problem.SANDBOX, "function definitions are not allowed", t.start(),
            "pass a lambda to a list function instead: all(list, x -> x.ok)"));
      } else if (Lexing.isNamespace(source, tokens, i)) {
        namespaceCall(t, tokens.get(i + 1).text(), problems);
        i++;
      } else if (JAVA_WORDS.contains(t.text())) {
        problems.add(new Problem(Problem.SANDBOX,
            "`" + t.text() + "` is not allowed: expressions cannot reach Java classes", t.start(),
            "an expression reads params, vars and step results and calls the engine's functions"));
      }
    }
    return problems;
  }

  /** Checks {@code ns:fn} against the engine's namespaces and their functions. */
  private static void namespaceCall(Lexing.Token namespace, String function, List<Problem> problems) {
    Class<?> functions = Jexl.NAMESPACES.get(namespace.text());
    if (functions == null) {
      problems.add(new Problem(Problem.SANDBOX, "unknown function namespace `" + namespace.text() + ":`",
          namespace.start(), "the namespaces are " + String.join(", ", new TreeSet<>(Jexl.NAMESPACES.keySet()))));
      return;
    }
    Set<String> names = Arrays.stream(functions.getMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == functions)
        .map(Method::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    if (!names.contains(function)) {
      String hint = Suggest.hint(function, names);
      problems.add(new Problem(Problem.UNDEFINED, "unknown function `" + namespace.text() + ":" + function + "`",
          namespace.start(),
          hint != null && hint.startsWith("did") ? hint : "`" + namespace.text() + ":` has " + String.join(", ", names)));
    }
  }
}
