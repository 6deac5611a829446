package runbook.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One string the engine evaluates: an expression or a template of a step (or of the playbook's
 * {@code vars} and {@code env}), with what is in scope there. Each step lists its own with
 * {@link Step#evaluated()}; lint checks every one of them, and {@link Playbook#stepsRead} finds the
 * steps a step reads through them.
 *
 * @param key the user-facing key ({@code when}, {@code title}, {@code run}, {@code probe.run.env.X}, ...)
 * @param expr the expression; null when this is a template
 * @param template the template; null when this is an expression
 * @param locals names defined only here ({@code probe}; {@code out}, {@code err}, {@code exit})
 * @param printed whether the value is shown to the operator or stored (title, command line, ...);
 *     {@code stdin} and {@code env} reach the command without being shown
 * @param readsOwnResult whether the step's own result is in scope ({@code retry.until})
 */
public record Evaluated(String key, Expr expr, Template template, Set<String> locals, boolean printed,
    boolean readsOwnResult) {
  /** In scope inside an assert-output's {@code that} and {@code message}. */
  public static final Set<String> ASSERT_LOCALS = Set.of("out", "err", "exit");
  /** In scope inside a require-state's {@code that} and {@code message}. */
  public static final Set<String> PROBE_LOCALS = Set.of("probe");

  public Evaluated {
    if ((expr == null) == (template == null)) {
      throw new IllegalArgumentException("an evaluated string is either an expression or a template");
    }
    Objects.requireNonNull(key, "key");
    locals = Set.copyOf(locals);
  }

  /** Collects the evaluated strings of one step or of the playbook, skipping absent keys. */
  public static final class Builder {
    private final List<Evaluated> out = new ArrayList<>();

    public Builder template(String key, Template t, Set<String> locals, boolean printed) {
      if (t != null) {
        out.add(new Evaluated(key, null, t, locals, printed, false));
      }
      return this;
    }

    public Builder templates(String key, List<Template> templates) {
      templates.forEach(t -> template(key, t, Set.of(), true));
      return this;
    }

    public Builder expr(String key, Expr e, Set<String> locals, boolean ownResult) {
      if (e != null) {
        out.add(new Evaluated(key, e, null, locals, false, ownResult));
      }
      return this;
    }

    /** A command's line or arguments, {@code stdin}, {@code env}, {@code cwd} and {@code output-file}. */
    public Builder command(String key, Command c) {
      if (c == null) {
        return this;
      }
      template(key, c.line(), Set.of(), true);
      if (c.args() != null) {
        templates(key, c.args());
      }
      template(key + ".stdin", c.stdin(), Set.of(), false);
      for (Map.Entry<String, Template> e : c.env().entrySet()) {
        template(key + ".env." + e.getKey(), e.getValue(), Set.of(), false);
      }
      template(key + ".cwd", c.cwd(), Set.of(), true);
      template(key + ".output-file", c.outputFile(), Set.of(), true);
      return this;
    }

    public List<Evaluated> build() {
      return List.copyOf(out);
    }
  }

  /**
   * The keys every step has: {@code title}, {@code doc}, {@code reason}, {@code if-stopped},
   * {@code summary}, {@code when}, {@code retry.until}.
   */
  static Builder common(StepInfo info) {
    Builder b = new Builder()
        .template("title", info.title(), Set.of(), true)
        .template("doc", info.doc(), Set.of(), true)
        .template("reason", info.reason(), Set.of(), true)
        .template("if-stopped", info.ifStopped(), Set.of(), true)
        .template("summary", info.summary(), Set.of(), true)
        .expr("when", info.when(), Set.of(), false);
    if (info.retry() != null) {
      b.expr("retry.until", info.retry().until(), Set.of(), true);
    }
    return b;
  }
}
