package runbook.lint;

import java.util.Objects;
import java.util.Set;
import runbook.model.Expr;
import runbook.model.SourceSpan;
import runbook.model.Step;
import runbook.model.Template;

/**
 * One place in a playbook that holds an expression or a template, with what is in scope there.
 *
 * @param step the step it belongs to; null for the playbook's {@code vars} and {@code env}
 * @param key the user-facing key ({@code when}, {@code title}, {@code run}, {@code vars.tpool}, ...)
 * @param expr the expression; null when this site is a template
 * @param template the template; null when this site is an expression
 * @param locals names defined only here ({@code probe}; {@code out}, {@code err}, {@code exit})
 * @param printed whether the value is shown to the operator or stored (title, command line, ...)
 * @param readsOwnResult whether the step's own result is in scope ({@code retry.until})
 */
public record Site(
    Step step,
    String key,
    Expr expr,
    Template template,
    Set<String> locals,
    boolean printed,
    boolean readsOwnResult) {
  public Site {
    if ((expr == null) == (template == null)) {
      throw new IllegalArgumentException("a site holds either an expression or a template");
    }
    Objects.requireNonNull(key, "key");
    locals = Set.copyOf(locals);
  }

  /**
   * Sites are compared by the identity of their step: checks key caches by site, and a step record's
   * own equality walks every nested step of a group.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Site s
        && step == s.step
        && printed == s.printed
        && readsOwnResult == s.readsOwnResult
        && key.equals(s.key)
        && Objects.equals(expr, s.expr)
        && Objects.equals(template, s.template)
        && locals.equals(s.locals);
  }

  @Override
  public int hashCode() {
    return Objects.hash(System.identityHashCode(step), key, expr, template);
  }

  public SourceSpan span() {
    return expr != null ? expr.span() : template.span();
  }

  public String text() {
    return expr != null ? expr.source() : template.text();
  }
}
