package runbook.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import runbook.diag.Suggestions;

/**
 * Rules JEXL's feature switches do not cover, checked on the expression's tokens (string literals
 * skipped): words that only serve to reach Java ({@code java.lang.System}, {@code ''.class}), the
 * {@code function} keyword, JEXL's backtick templates, ranges, {@code ;}, and calls of functions
 * the engine does not have.
 */
final class StaticRules {
  private static final Set<String> JAVA_WORDS = Set.of(
      "class", "getClass", "forName", "java", "javax", "jdk", "sun", "System", "Runtime", "Class",
      "ClassLoader", "Thread", "ProcessBuilder", "Files", "Paths");
  private static final String READS_ONLY =
      "an expression reads params, vars and step results and calls the engine's functions";

  private StaticRules() {}

  static List<Problem> check(String source) {
    List<Problem> problems = new ArrayList<>();
    List<Lexing.Token> tokens = Lexing.tokens(source);
    for (int i = 0; i < tokens.size(); i++) {
      Lexing.Token t = tokens.get(i);
      switch (t.kind()) {
        case BACKTICK:
          problems.add(new Problem(Problem.SANDBOX, "backtick templates are not allowed in an expression", t.start(),
              "build text with str:join or write the text around the ${...} in the YAML string"));
          break;
        case RANGE:
          problems.add(new Problem(Problem.SANDBOX, "ranges (`..`) are not allowed in an expression", t.start(),
              "write the list: [1, 2, 3]"));
          break;
        case COMMENT:
          problems.add(new Problem(Problem.SANDBOX, "comments (`" + t.text() + "`) are not allowed in an expression",
              t.start(), "write the comment in YAML, after `#` outside the expression"));
          break;
        case REGEX:
          problems.add(new Problem(Problem.SANDBOX, "regular expression literals (`~/.../`) are not allowed", t.start(),
              "write the pattern as a string: x =~ '^a.*'"));
          break;
        case STRING:
          quotedName(source, t, problems);
          break;
        case SEMICOLON:
          problems.add(new Problem(Problem.SANDBOX, "`;` is not allowed: write one expression", t.start(), READS_ONLY));
          break;
        default:
          if (Lexing.isNamespace(source, tokens, i)) {
            namespaceCall(t, tokens.get(i + 1).text(), problems);
            i++;
          } else {
            word(source, t, problems);
          }
      }
    }
    return problems;
  }

  /** {@code x['class']}, {@code x."getClass"}: a Java word reached through a quoted name. */
  private static void quotedName(String source, Lexing.Token t, List<Problem> problems) {
    String content = t.text().length() >= 2 ? t.text().substring(1, t.text().length() - 1) : "";
    content = content.replace("\\", "");
    int before = t.start() - 1;
    while (before >= 0 && Character.isWhitespace(source.charAt(before))) {
      before--;
    }
    if (before >= 0 && (source.charAt(before) == '[' || source.charAt(before) == '.')
        && JAVA_WORDS.contains(content.strip())) {
      problems.add(new Problem(Problem.SANDBOX,
          "`" + content.strip() + "` is not allowed: expressions cannot reach Java classes", t.start(), READS_ONLY));
    }
  }

  private static void word(String source, Lexing.Token t, List<Problem> problems) {
    String word = t.text();
    if (word.equals("empty") && !isCall(source, t) && !afterDot(source, t)) {
      problems.add(new Problem(Problem.SYNTAX, "write `empty(x)`, with parentheses", t.start(),
          "empty(x) is true for null, empty text, an empty list or map"));
    } else if (word.equals("function")) {
      problems.add(new Problem(Problem.SANDBOX, "function definitions are not allowed", t.start(),
          "pass a lambda to a list function instead: all(list, x -> x.ok)"));
    } else if (JAVA_WORDS.contains(word)) {
      problems.add(new Problem(Problem.SANDBOX,
          "`" + word + "` is not allowed: expressions cannot reach Java classes", t.start(), READS_ONLY));
    } else if (isCall(source, t) && !Catalog.KEYWORDS.contains(word) && !Catalog.topLevel().contains(word)) {
      problems.add(new Problem(Problem.UNDEFINED, "unknown function `" + word + "`", t.start(),
          Objects.requireNonNullElse(Suggestions.didYouMeanNames(word, Catalog.topLevel()),
              "the functions are " + String.join(", ", Catalog.USAGE.keySet()))));
    }
  }

  /** A word followed by {@code (} and not preceded by {@code .}: a call of a top-level function. */
  static boolean isCall(String source, Lexing.Token t) {
    int after = t.end();
    while (after < source.length() && Character.isWhitespace(source.charAt(after))) {
      after++;
    }
    int before = t.start() - 1;
    while (before >= 0 && Character.isWhitespace(source.charAt(before))) {
      before--;
    }
    return after < source.length() && source.charAt(after) == '('
        && (before < 0 || source.charAt(before) != '.');
  }

  private static boolean afterDot(String source, Lexing.Token t) {
    int before = t.start() - 1;
    while (before >= 0 && Character.isWhitespace(source.charAt(before))) {
      before--;
    }
    return before >= 0 && source.charAt(before) == '.';
  }

  /** Checks {@code ns:fn} against the engine's namespaces and their functions. */
  private static void namespaceCall(Lexing.Token namespace, String function, List<Problem> problems) {
    Class<?> functions = Catalog.NAMESPACES.get(namespace.text());
    if (functions == null) {
      problems.add(new Problem(Problem.SANDBOX, "unknown function namespace `" + namespace.text() + ":`",
          namespace.start(), "the namespaces are " + String.join(", ", new TreeSet<>(Catalog.NAMESPACES.keySet()))));
      return;
    }
    Set<String> names = Catalog.functions(functions);
    if (!names.contains(function)) {
      problems.add(new Problem(Problem.UNDEFINED, "unknown function `" + namespace.text() + ":" + function + "`",
          namespace.start(),
          Objects.requireNonNullElse(Suggestions.didYouMeanNames(function, names),
              "`" + namespace.text() + ":` has " + String.join(", ", names))));
    }
  }
}
