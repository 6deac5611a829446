package runbook.variant;

import java.util.List;
import runbook.diag.Rule;

/**
 * The rules a variant can break beyond those of any playbook ({@link runbook.parse.ParseRule}):
 * what makes {@code extends} and {@code patch} fail. Each is a {@link Rule} like every other
 * diagnostic's, listed in {@code runbook.lint.LintRules}.
 */
public final class VariantRule {
  public static final Rule MISSING_BASE = Rule.error("missing-base",
      "the file named by `extends` does not exist", Rule.Section.VARIANT);
  public static final Rule EXTENDS_CYCLE = Rule.error("extends-cycle",
      "variants extend each other in a circle", Rule.Section.VARIANT);
  public static final Rule VARIANT_STEPS = Rule.error("variant-steps",
      "a variant has its own `steps:` instead of patching its base's", Rule.Section.VARIANT);
  public static final Rule BAD_PATCH = Rule.error("bad-patch",
      "a patch entry without exactly one operation", Rule.Section.VARIANT);
  public static final Rule UNKNOWN_TARGET = Rule.error("unknown-target",
      "a patch names a step id that the base does not have", Rule.Section.VARIANT);
  public static final Rule BAD_UPDATE_KEY = Rule.error("bad-update-key",
      "an `update` sets a key that a step cannot have, or its id or action", Rule.Section.VARIANT);
  public static final Rule PARAM_OVERRIDE = Rule.error("param-override",
      "a base's parameter changed by something other than a mapping of its keys", Rule.Section.VARIANT);
  public static final Rule UNKNOWN_REMOVAL = Rule.error("unknown-removal",
      "a variant removes (`~`) a program, var, env variable or param key that its base does not have",
      Rule.Section.VARIANT);

  /** Every rule of this kind, in the order docs/lint-rules.md documents them. */
  public static final List<Rule> ALL = List.of(
      MISSING_BASE,
      EXTENDS_CYCLE,
      VARIANT_STEPS,
      BAD_PATCH,
      UNKNOWN_TARGET,
      BAD_UPDATE_KEY,
      PARAM_OVERRIDE,
      UNKNOWN_REMOVAL);

  private VariantRule() {}
}
