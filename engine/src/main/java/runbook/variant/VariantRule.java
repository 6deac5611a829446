package runbook.variant;

/**
 * The rules a variant can break, beyond those of any playbook ({@link runbook.parse.ParseRule}),
 * each with a stable id and a one-line summary.
 */
public enum VariantRule {
  MISSING_BASE("missing-base", "the file named by `extends` does not exist"),
  EXTENDS_CYCLE("extends-cycle", "variants extend each other in a circle"),
  VARIANT_STEPS("variant-steps", "a variant has its own `steps:` instead of patching its base's"),
  BAD_PATCH("bad-patch", "a patch entry without exactly one operation"),
  UNKNOWN_TARGET("unknown-target", "a patch names a step id that the base does not have"),
  BAD_UPDATE_KEY("bad-update-key", "an `update` sets a key that a step cannot have, or its id or action"),
  PARAM_OVERRIDE("param-override", "a base's parameter changed by something other than a mapping of its keys");

  private final String id;
  private final String summary;

  VariantRule(String id, String summary) {
    this.id = id;
    this.summary = summary;
  }

  public String id() {
    return id;
  }

  public String summary() {
    return summary;
  }
}
