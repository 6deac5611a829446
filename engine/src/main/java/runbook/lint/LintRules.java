package runbook.lint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import runbook.diag.Severity;

/**
 * Every rule lint reports: the parser's (what it rejects, under the parser's ids), the checks over
 * a parsed playbook, and lint's own. {@code docs/lint-rules.md} has one section per rule.
 */
public final class LintRules {
  /** Findings about the lint comments themselves. */
  public static final Rule UNKNOWN_RULE =
      new Rule("unknown-lint-rule", Severity.WARNING, "a `# runbook-lint: disable=` comment names no rule");

  /** A check that failed on a file: a defect in lint, reported rather than stopping the other files. */
  public static final Rule INTERNAL =
      new Rule("lint-internal", Severity.ERROR, "a check failed on this file (a defect in lint; please report it)");

  /** A file that cannot be read at all. */
  public static final Rule UNREADABLE =
      new Rule("unreadable-file", Severity.ERROR, "a file cannot be read as UTF-8 text");

  private static final List<PlaybookCheck> PLAYBOOK_CHECKS =
      List.of(
          new ExprSyntaxCheck(),
          new ExprSandboxCheck(),
          new UndefinedNameCheck(),
          new NotYetRunCheck(),
          new MaybeSkippedCheck(),
          new UnknownStepCheck(),
          new ConstantWhenCheck(),
          new UnconfirmedChangeCheck(),
          new NeedlessShellCheck(),
          new EndlessRetryCheck(),
          new UndocumentedChangeCheck(),
          new BadParamPatternCheck(),
          new BadParamDefaultCheck(),
          new SecretPrintedCheck());

  private static final Map<String, Rule> ALL = build();

  private LintRules() {}

  public static List<PlaybookCheck> playbookChecks() {
    return PLAYBOOK_CHECKS;
  }

  /** Every rule by id, the parser's first. */
  public static Map<String, Rule> all() {
    return ALL;
  }

  public static Optional<Rule> byId(String id) {
    return Optional.ofNullable(ALL.get(id));
  }

  /** "did you mean" for an id that is not a rule, or null. */
  public static String suggest(String id) {
    return Suggest.hint(id, ALL.keySet());
  }

  private static Map<String, Rule> build() {
    List<Rule> rules = new ArrayList<>(ParseRules.all());
    for (PlaybookCheck c : PLAYBOOK_CHECKS) {
      rules.add(c.rule());
    }
    rules.add(UNKNOWN_RULE);
    rules.add(UNREADABLE);
    rules.add(INTERNAL);
    Map<String, Rule> byId = new LinkedHashMap<>();
    for (Rule r : rules) {
      if (byId.putIfAbsent(r.id(), r) != null) {
        throw new IllegalStateException("two rules share the id " + r.id());
      }
    }
    return Collections.unmodifiableMap(byId);
  }
}
