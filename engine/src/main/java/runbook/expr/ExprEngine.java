package runbook.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.expr.fn.Args;
import runbook.model.Expr;
import runbook.model.SourceSpan;
import runbook.model.Template;

/**
 * Expressions and templates: checking, evaluating and expanding them inside the sandbox. Every
 * diagnostic points into the YAML file: the value's span plus the position inside it. Thread-safe;
 * one per process, since compiled expressions are cached by their source.
 */
public final class ExprEngine {
  /**
   * Made at the first expression: JEXL's engine costs a cold JVM about two hundred classes and its
   * sandbox's set-up, which a playbook without expressions (most steps) never needs.
   */
  private volatile Jexl jexl;

  private Jexl jexl() {
    Jexl j = jexl;
    if (j == null) {
      synchronized (this) {
        j = jexl;
        if (j == null) {
          jexl = j = new Jexl();
        }
      }
    }
    return j;
  }

  /** Syntax and sandbox problems, found without any values. */
  public List<Diagnostic> check(Expr e) {
    List<Diagnostic> out = new ArrayList<>();
    for (Problem p : jexl().compile(e.source()).problems()) {
      out.add(diagnostic(p, e.span(), e.source(), 0));
    }
    return out;
  }

  /** Every {@code ${...}} in the template, checked as {@link #check(Expr)} does. */
  public List<Diagnostic> check(Template t) {
    List<Diagnostic> out = new ArrayList<>();
    try {
      for (Piece piece : Templates.parse(t.text())) {
        if (piece.expression()) {
          for (Problem p : jexl().compile(piece.text()).problems()) {
            out.add(diagnostic(p, t.span(), t.text(), piece.index()));
          }
        }
      }
    } catch (TemplateSyntax s) {
      out.add(diagnostic(s.problem, t.span(), t.text(), 0));
    }
    return out;
  }

  /** A command line: its quoting (unclosed quotes, a trailing backslash) and every {@code ${...}} in it. */
  public List<Diagnostic> checkWords(Template line) {
    try {
      Words.split(line.text());
    } catch (TemplateSyntax s) {
      return List.of(diagnostic(s.problem, line.span(), line.text(), 0));
    }
    return check(line);
  }

  /**
   * How the engine will split a command line into words, checked without running anything and
   * without the expression engine: an unclosed quote or a trailing backslash, placed at its
   * position inside the line, under {@code rule}. Null when the line splits, or when a broken
   * {@code ${...}} keeps it from splitting ({@link #check(Template)} reports that one).
   */
  public static Diagnostic quoting(Template line, String rule) {
    try {
      Templates.parse(line.text());
    } catch (TemplateSyntax s) {
      return null;
    }
    try {
      Words.split(line.text());
      return null;
    } catch (TemplateSyntax s) {
      Diagnostic d = diagnostic(s.problem, line.span(), line.text(), 0);
      return new Diagnostic(d.severity(), rule, d.message(), d.span(), d.hint());
    }
  }

  /** The top-level names the expression reads; lambda parameters are not among them. */
  public Set<String> names(Expr e) {
    return jexl().compile(e.source()).names();
  }

  public Set<String> names(Template t) {
    Set<String> out = new LinkedHashSet<>();
    try {
      for (Piece piece : Templates.parse(t.text())) {
        if (piece.expression()) {
          out.addAll(jexl().compile(piece.text()).names());
        }
      }
    } catch (TemplateSyntax s) {
      // check(t) reports it; the names read before the error still count
    }
    return Set.copyOf(out);
  }

  public Object evaluate(Expr e, Scope scope) throws EvalException {
    return run(e.source(), e.span(), e.source(), 0, scope);
  }

  /** Evaluates a condition, which must yield a boolean. */
  public boolean test(Expr e, Scope scope) throws EvalException {
    Object value = evaluate(e, scope);
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    throw new EvalException(diagnostic(new Problem(Problem.TYPE,
        "expected a condition that is true or false, found " + Args.describe(value), 0,
        "compare the value: `x == 'y'`, `x > 0`, `x != null`"), e.span(), e.source(), 0));
  }

  /** The text with every {@code ${...}} replaced by its value; {@code $${} writes {@code ${}. */
  public String expand(Template t, Scope scope) throws EvalException {
    StringBuilder out = new StringBuilder();
    for (Piece piece : pieces(t)) {
      out.append(piece.expression() ? text(piece, t, scope) : piece.text());
    }
    return out.toString();
  }

  /**
   * The command line split into arguments by POSIX quoting rules, then expanded: a value stays in
   * the word its {@code ${...}} stands in, whatever characters it holds.
   */
  public List<String> expandWords(Template line, Scope scope) throws EvalException {
    List<List<Piece>> words;
    try {
      words = Words.split(line.text());
    } catch (TemplateSyntax s) {
      throw new EvalException(diagnostic(s.problem, line.span(), line.text(), 0));
    }
    List<String> out = new ArrayList<>();
    for (List<Piece> word : words) {
      StringBuilder arg = new StringBuilder();
      for (Piece piece : word) {
        arg.append(piece.expression() ? text(piece, line, scope) : piece.text());
      }
      out.add(arg.toString());
    }
    return out;
  }

  /**
   * A {@code shell: true} line as a script that holds no value: each {@code ${...}} becomes a
   * reference to an environment variable, written for its quoting context (see {@link ShellScript}).
   */
  public ShellCommand expandShell(Template line, Scope scope) throws EvalException {
    List<Piece> pieces = pieces(line);
    ShellScript.Plan plan = shellPlan(pieces);
    java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
    int n = 0;
    for (Piece piece : pieces) {
      if (!piece.expression()) {
        continue;
      }
      ShellScript.Slot slot = plan.slots().get(n++);
      if (slot.refused() != null) {
        throw new EvalException(diagnostic(new Problem(Problem.SHELL, slot.refused(), -2), line.span(), line.text(),
            piece.index()));
      }
      String value = text(piece, line, scope);
      String problem = value.indexOf('\0') >= 0 ? "`${" + piece.text() + "}` holds a NUL character, which no command can receive"
          : slot.form() == ShellScript.Form.ARITH && !value.matches("-?[0-9]{1,18}")
          ? "`${" + piece.text() + "}` stands in shell arithmetic, where bash would evaluate its value as code:"
              + " it must be a whole number, found " + Args.describe(value)
          : null;
      if (problem != null) {
        throw new EvalException(diagnostic(new Problem(Problem.SHELL, problem, -2), line.span(), line.text(),
            piece.index()));
      }
      values.put(ShellScript.name(slot.form(), n), value);
    }
    return new ShellCommand(plan.script(), values);
  }

  /** Templates of a {@code shell: true} line that stand where no quoting can make a value safe. */
  public List<Diagnostic> checkShell(Template line) {
    List<Diagnostic> out = new ArrayList<>();
    List<Piece> pieces;
    try {
      pieces = Templates.parse(line.text());
    } catch (TemplateSyntax s) {
      return check(line);
    }
    ShellScript.Plan plan = shellPlan(pieces);
    int n = 0;
    for (Piece piece : pieces) {
      if (piece.expression()) {
        ShellScript.Slot slot = plan.slots().get(n++);
        if (slot.refused() != null) {
          out.add(diagnostic(new Problem(Problem.SHELL, slot.refused(), -2), line.span(), line.text(), piece.index()));
        }
      }
    }
    out.addAll(check(line));
    return out;
  }

  private static ShellScript.Plan shellPlan(List<Piece> pieces) {
    StringBuilder marked = new StringBuilder();
    for (Piece piece : pieces) {
      if (piece.expression()) {
        marked.append(ShellScript.MARK);
      } else {
        marked.append(piece.text());
      }
    }
    return ShellScript.plan(marked.toString());
  }

  private List<Piece> pieces(Template t) throws EvalException {
    try {
      return Templates.parse(t.text());
    } catch (TemplateSyntax s) {
      throw new EvalException(diagnostic(s.problem, t.span(), t.text(), 0));
    }
  }

  private String text(Piece piece, Template t, Scope scope) throws EvalException {
    Object value = run(piece.text(), t.span(), t.text(), piece.index(), scope);
    try {
      return Render.text(value, piece.text());
    } catch (IllegalArgumentException x) {
      // point at the `${` itself
      throw new EvalException(diagnostic(new Problem(Problem.ERROR, x.getMessage(), -2), t.span(), t.text(),
          piece.index()));
    }
  }

  private Object run(String source, SourceSpan span, String text, int offset, Scope scope) throws EvalException {
    Jexl.Compiled compiled = jexl().compile(source);
    if (!compiled.problems().isEmpty()) {
      throw new EvalException(diagnostic(compiled.problems().get(0), span, text, offset));
    }
    try {
      return jexl().evaluate(compiled.expression(), source, scope);
    } catch (Jexl.Failure f) {
      throw new EvalException(diagnostic(f.problem, span, text, offset));
    }
  }

  /** Places a problem found at {@code offset + p.index()} of {@code text}, which starts at {@code span}. */
  private static Diagnostic diagnostic(Problem p, SourceSpan span, String text, int offset) {
    int index = Math.max(0, Math.min(text.length(), offset + p.index()));
    return new Diagnostic(Severity.ERROR, p.rule(), p.message(), span.at(text, index), p.hint());
  }

}
