/**
 * Expressions ({@code when}, {@code that}, {@code until}) and {@code ${...}} templates, the only
 * user of JEXL.
 *
 * <p>The sandbox has three layers: JEXL features switched off at parse time (method calls,
 * {@code new}, assignment, loops, scripts, pragmas, annotations), {@link runbook.expr.StaticRules}
 * on the tokens (Java class names, unknown functions and namespaces, ranges, {@code ;}), and at run
 * time an introspector that reads only map keys and list indexes and resolves methods only on the
 * function classes of {@code runbook.expr.fn}. A name that is not in scope is an error, never null.
 */
package runbook.expr;
