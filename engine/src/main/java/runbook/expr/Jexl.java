package runbook.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.internal.introspection.Uberspect;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlUberspect;
import runbook.diag.Suggestions;
import runbook.expr.fn.Bounds;
import runbook.expr.fn.ListFunctions;
import runbook.expr.fn.SizeFunctions;

/**
 * The one place that configures JEXL: the sandboxed engine, compilation with its cache, and the
 * translation of JEXL's exceptions into {@link Problem}s.
 */
final class Jexl {
  /**
   * Lambdas (with their parameters as locals), list/map literals and computed indexes
   * ({@code row[column]}, safe since only map keys and list indexes can be read); everything else is off.
   */
  private static final JexlFeatures FEATURES = JexlFeatures.createNone()
      .lambda(true)
      .thinArrow(true)
      .localVar(true)
      .structuredLiteral(true)
      .arrayReferenceExpr(true);

  /** JEXL reserves {@code size} (its size operator), so {@code size:} is renamed to this before parsing. */
  private static final String SIZE_ALIAS = "$ize";

  private final JexlEngine engine;
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

  /** A compiled expression, or the problems that keep it from compiling. */
  record Compiled(JexlExpression expression, List<Problem> problems, Set<String> names) {}

  Jexl() {
    JexlPermissions permissions = JexlPermissions.RESTRICTED.compose("runbook.expr.fn.*");
    Map<String, Object> namespaces = new HashMap<>(Catalog.NAMESPACES);
    // the top-level functions: a HashMap, because Map.of rejects looking up the null key
    namespaces.put(null, ListFunctions.class);
    namespaces.remove("size");
    namespaces.put(SIZE_ALIAS, SizeFunctions.class);
    JexlLog log = new JexlLog();
    // JEXL's own introspection, built here rather than by a second JexlBuilder: the builder compares
    // the logger it is given with commons-logging's, and that comparison starts the logging stack
    engine = new JexlBuilder()
        .logger(log)
        .uberspect(new SandboxUberspect(new Uberspect(log, JexlUberspect.JEXL_STRATEGY, permissions)))
        .features(FEATURES)
        .namespaces(namespaces)
        .strict(true)
        .safe(false)
        .silent(false)
        .antish(false)
        .stackOverflow(256)
        .arithmetic(new BoundedArithmetic(true))
        .cache(0)
        .create();
  }

  Compiled compile(String source) {
    return cache.computeIfAbsent(source, this::compileUncached);
  }

  private Compiled compileUncached(String source) {
    Problem deep = depth(source);
    if (deep != null) {
      // JEXL's parser recurses once per level: refuse before it can overflow the stack
      return new Compiled(null, List.of(deep), Set.of());
    }
    List<Problem> problems = new ArrayList<>(StaticRules.check(source));
    try {
      // positions from JEXL are then relative to the expression; the caller adds the YAML span
      JexlExpression expression = engine.createExpression(new JexlInfo("expression", 1, 1), renameSize(source));
      Set<String> names = new LinkedHashSet<>();
      for (List<String> path : ((JexlScript) expression).getVariables()) {
        names.add(path.get(0));
      }
      return problems.isEmpty()
          ? new Compiled(expression, List.of(), Set.copyOf(names))
          : new Compiled(null, List.copyOf(problems), Set.copyOf(names));
    } catch (JexlException e) {
      problems.add(0, parseProblem(e, source));
      return new Compiled(null, List.copyOf(problems), Set.of());
    } catch (StackOverflowError e) {
      // JEXL's parser recurses once per level of nesting: a stack it exhausts is this expression's
      // problem, reported at its position, not a crash of lint or of the run
      problems.add(0, tooDeep());
      return new Compiled(null, List.copyOf(problems), Set.of());
    }
  }

  private static Problem tooDeep() {
    return new Problem(Problem.SYNTAX, "the expression is nested too deeply to be read", 0,
        "flatten it: name parts of it in `vars`, or split it into several conditions");
  }

  /** Brackets nested deeper than {@link Bounds#MAX_DEPTH}, found without JEXL; null when within it. */
  private static Problem depth(String source) {
    int depth = 0;
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = Lexing.skipString(source, i);
        i = end < 0 ? source.length() : end;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        if (++depth > Bounds.MAX_DEPTH) {
          return new Problem(Problem.SYNTAX, "the expression nests brackets more than " + Bounds.MAX_DEPTH
              + " deep, the limit", i, "split it: compute parts in vars");
        }
      } else if (c == ')' || c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      }
      i++;
    }
    return null;
  }

  /**
   * {@code size:fn} becomes {@code $ize:fn}; {@code size(x)} and {@code empty(x)} become calls of the
   * engine's own {@code rbsz} and {@code rbemp}, because JEXL's built-in ones turn any error of their
   * argument into 0 and true (a truncated output would be "empty" and the wrong branch would run).
   * Same lengths, so every position stays where it was.
   */
  private static String renameSize(String source) {
    StringBuilder out = new StringBuilder(source);
    List<Lexing.Token> tokens = Lexing.tokens(source);
    for (int i = 0; i < tokens.size(); i++) {
      Lexing.Token t = tokens.get(i);
      if (t.text().equals("size") && Lexing.isNamespace(source, tokens, i)) {
        out.setCharAt(t.start(), '$');
      } else if (t.isWord() && (t.text().equals("size") || t.text().equals("empty")) && StaticRules.isCall(source, t)) {
        out.replace(t.start(), t.end(), t.text().equals("size") ? "rbsz" : "rbemp");
      }
    }
    return out.toString();
  }

  Object evaluate(JexlExpression expression, String source, Scope scope) throws Failure {
    long[] outer = Bounds.start();
    try {
      return expression.evaluate(new ScopeContext(scope));
    } catch (StackOverflowError e) {
      throw new Failure(new Problem(Problem.ERROR, "the expression recurses too deeply", 0,
          "split it: compute parts in vars"));
    } catch (OutOfMemoryError e) {
      throw new Failure(new Problem(Problem.ERROR, "the expression ran out of memory", 0,
          "it builds too much: simplify it"));
    } catch (JexlException e) {
      throw new Failure(runtimeProblem(e, source, scope));
    } catch (RuntimeException e) {
      Problem p = fromCause(e, 0);
      if (p == null && isArrayTooDeep(e)) {
        // a list literal nested over 255 levels asks Java for an array of more dimensions than it has
        p = new Problem(Problem.ERROR, "a list nested this deeply cannot be built", 0,
            "flatten the list literal");
      }
      if (p == null) {
        throw e;
      }
      throw new Failure(p);
    } finally {
      Bounds.end(outer);
    }
  }

  private static boolean isArrayTooDeep(RuntimeException e) {
    StackTraceElement[] trace = e.getStackTrace();
    return e instanceof IllegalArgumentException && trace.length > 0
        && trace[0].getClassName().equals("java.lang.reflect.Array");
  }

  /** An evaluation that failed; carries the problem out of JEXL's call stack. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Problem problem;

    Failure(Problem problem) {
      super(problem.message());
      this.problem = problem;
    }
  }

  private static Problem parseProblem(JexlException e, String source) {
    int index = index(e, source);
    if (e instanceof JexlException.Feature) {
      return sandboxProblem(e.getMessage() == null ? "" : e.getMessage(), index);
    }
    String near = near(e);
    return new Problem(Problem.SYNTAX,
        "invalid expression" + (near.isEmpty() ? "" : ": unexpected `" + near + "`"), index,
        "expressions are JEXL: names, literals, operators and function calls such as all(list, x -> x.ok)");
  }

  /** JEXL names the switched-off feature only in its message ("method call error in ..."). */
  private static Problem sandboxProblem(String message, int index) {
    String m = message.toLowerCase(java.util.Locale.ROOT);
    if (m.contains("method call")) {
      return new Problem(Problem.SANDBOX, "java method calls are not allowed", index,
          "use the engine's functions: str:lower(s), str:contains(s, 'x'), count(list), ...");
    }
    String what;
    if (m.contains("in 'var ") || m.contains("in 'let ") || m.contains("in 'const ")) {
      what = "variable declarations are not allowed";
    } else if (m.contains("assign")) {
      what = "assignment is not allowed: an expression only reads values";
    } else if (m.contains("create instance")) {
      what = "`new` is not allowed: expressions cannot create objects";
    } else if (m.contains("pragma")) {
      what = "pragmas are not allowed";
    } else if (m.contains("annotation")) {
      what = "annotations are not allowed";
    } else if (m.contains("loop")) {
      what = "loops are not allowed; use all, any, filter, map or count";
    } else {
      what = "not allowed in an expression: " + message.replaceFirst("^\\S*@\\d+:\\d+ ", "");
    }
    return new Problem(Problem.SANDBOX, what, index);
  }

  private static Problem runtimeProblem(JexlException e, String source, Scope scope) {
    int index = index(e, source);
    Problem fromCause = fromCause(e, index);
    if (fromCause != null) {
      return fromCause;
    }
    if (e instanceof JexlException.Variable && ((JexlException.Variable) e).isUndefined()) {
      String name = ((JexlException.Variable) e).getVariable();
      return new Problem(Problem.UNDEFINED, "unknown name `" + name + "`", index, Suggestions.namesHint(name, scope.names()));
    }
    if (e instanceof JexlException.Method) {
      return methodProblem((JexlException.Method) e, index);
    }
    if (e instanceof JexlException.StackOverflow) {
      return new Problem(Problem.ERROR, "the expression nests too deeply", index);
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("namespace")) {
      return new Problem(Problem.UNDEFINED, "unknown function namespace", index,
          "the namespaces are " + String.join(", ", new java.util.TreeSet<>(Catalog.NAMESPACES.keySet())));
    }
    return new Problem(Problem.ERROR, "cannot evaluate `" + culprit(e, source) + "`: " + reason(e), index);
  }

  /** The part of the source JEXL blames, or the whole expression. */
  private static String culprit(JexlException e, String source) {
    JexlInfo.Detail d = e.getInfo() == null ? null : e.getInfo().getDetail();
    if (d != null && d.start() >= 0 && d.end() <= source.length() && d.start() < d.end()) {
      return source.substring(d.start(), d.end());
    }
    return source;
  }

  /** Why JEXL's own evaluation failed, in our words. */
  private static String reason(JexlException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause instanceof JexlException) {
      cause = cause.getCause();
    }
    String message = String.valueOf(cause.getMessage());
    if (cause instanceof OutOfMemoryError) {
      // JEXL wraps an error thrown inside a function: it is still this expression's, never a branch
      return "the engine ran out of memory evaluating it (it builds too much: simplify it)";
    }
    if (cause instanceof java.util.regex.PatternSyntaxException) {
      return "invalid regular expression: "
          + ((java.util.regex.PatternSyntaxException) cause).getDescription().toLowerCase(java.util.Locale.ROOT);
    }
    if (cause instanceof JexlArithmetic.NullOperand || message.contains("null")) {
      return "a value is null";
    }
    if (cause instanceof ArithmeticException && (message.equals("/") || message.equals("%"))) {
      return "division by zero";
    }
    if (message.contains("coercion")) {
      return "a value is not a number";
    }
    if (message.contains("comparison")) {
      return "the values cannot be compared";
    }
    return message.replaceFirst("^\\S*@\\d+:\\d+(?:!\\[\\d+,\\d+\\]: '.*?')?\\s*", "");
  }

  /** A function that does not exist, or does not take the arguments it was given. */
  private static Problem methodProblem(JexlException.Method e, int index) {
    String name = e.getMethod();
    String usage = Catalog.USAGE.entrySet().stream()
        .filter(u -> u.getKey().equals(name) || u.getKey().endsWith(":" + name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
    if (usage == null) {
      return new Problem(Problem.UNDEFINED, "unknown function `" + name + "`", index,
          "the functions are " + String.join(", ", Catalog.USAGE.keySet()));
    }
    String signature = e.getMethodSignature();
    String args = signature.contains("(") ? signature.substring(signature.indexOf('(')) : "";
    return new Problem(Problem.ERROR, "wrong arguments for `" + name + "`: found " + friendly(args),
        index, "call it as " + usage);
  }

  /** {@code (ListN, Byte)} as {@code (list, number)}. */
  private static String friendly(String javaTypes) {
    StringBuilder out = new StringBuilder();
    for (String part : javaTypes.replaceAll("[()]", "").split(",\\s*")) {
      String t = part.trim();
      String kind = t.isEmpty() ? "" : t.matches("Byte|Short|Integer|Long|Float|Double|BigDecimal|BigInteger") ? "number"
          : t.equals("String") ? "string" : t.equals("Boolean") ? "boolean"
          : t.contains("List") || t.contains("Set") || t.endsWith("[]") ? "list" : t.contains("Map") ? "map"
          : t.equals("Object") || t.equals("null") ? "null"
          : t.contains("Closure") || t.contains("Lambda") || t.contains("Script") ? "lambda" : t;
      out.append(out.length() == 0 ? "" : ", ").append(kind);
    }
    return "(" + out + ")";
  }

  /** Our own exceptions and the functions' argument errors, wherever JEXL wrapped them. */
  private static Problem fromCause(Throwable e, int index) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ValueUnavailableException) {
        return new Problem(Problem.ERROR, t.getMessage(), index);
      }
      if (t instanceof Lookup.MissingKey) {
        Lookup.MissingKey m = (Lookup.MissingKey) t;
        return new Problem(Problem.UNDEFINED, m.getMessage(), index, Suggestions.namesHint(m.key, m.keys));
      }
      if (t instanceof Bounds.Exceeded) {
        return new Problem(Problem.ERROR, t.getMessage(), index);
      }
      if (t instanceof Lookup.Forbidden) {
        return new Problem(Problem.SANDBOX, t.getMessage(), index);
      }
      if (t instanceof Lookup.BadIndex || (isOurs(t) && (t instanceof IllegalArgumentException || t instanceof ArithmeticException))) {
        return new Problem(Problem.ERROR, t.getMessage(), index);
      }
    }
    return null;
  }

  /** Thrown by the engine's own code, whose messages are written for the reader. */
  private static boolean isOurs(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith("runbook.");
  }

  /** The text JEXL quotes as the culprit, or "". */
  private static String near(JexlException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int open = message.lastIndexOf(" in '");
    if (open >= 0 && message.endsWith("'")) {
      return message.substring(open + 5, message.length() - 1);
    }
    return "";
  }

  /** Character index in the source from JEXL's 1-based line and column. */
  private static int index(JexlException e, String source) {
    JexlInfo info = e.getInfo();
    if (info == null) {
      return 0;
    }
    int line = Math.max(1, info.getLine());
    int column = Math.max(1, info.getColumn());
    int i = 0;
    for (int l = 1; l < line && i < source.length(); l++) {
      int nl = source.indexOf('\n', i);
      if (nl < 0) {
        break;
      }
      i = nl + 1;
    }
    return Math.min(source.length() == 0 ? 0 : source.length() - 1, i + column - 1);
  }

  /** A read-only view of a {@link Scope} for JEXL. */
  private static final class ScopeContext implements JexlContext {
    private final Scope scope;

    ScopeContext(Scope scope) {
      this.scope = scope;
    }

    @Override
    public Object get(String name) {
      return scope.get(name);
    }

    @Override
    public void set(String name, Object value) {
      throw new Lookup.Forbidden("cannot assign `" + name + "`: an expression only reads values");
    }

    @Override
    public boolean has(String name) {
      return scope.has(name);
    }
  }
}
