package runbook.lint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import runbook.diag.Severity;
import runbook.diag.Suggestions;

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

  private static final List<PlaybookCheck> PLAYBOOK_CHECKS =
      List.of(
          new ExprCheck(new Rule("expr-syntax", Severity.ERROR,
              "an expression or a `${...}` template does not compile")),
          new ExprCheck(new Rule("expr-sandbox", Severity.ERROR,
              "an expression assigns, loops, creates objects or calls Java methods, which the sandbox forbids")),
          new ExprCheck(new Rule("expr-undefined", Severity.ERROR,
              "an expression calls a function or namespace that does not exist")),
          new UndefinedNameCheck(),
          new ResultFieldCheck(ResultReads.UNKNOWN_FIELD),
          new ResultFieldCheck(ResultReads.UNKNOWN_COLUMN),
          new CommandQuotingCheck(),
          new ShellSyntaxCheck(),
          new NotYetRunCheck(),
          new MaybeSkippedCheck(),
          new ConstantWhenCheck(),
          new UnconfirmedChangeCheck(),
          new GuardCheck(),
          new NeedlessShellCheck(),
          new ShellTemplateCheck(),
          new UnguardedParamCheck(),
          new NeedlessTimeoutCheck(),
          new EndlessRetryCheck(),
          new UndocumentedChangeCheck(),
          new SecretPrintedCheck(),
          new SecretInArgvCheck());

  private static final List<ScenarioCheck> SCENARIO_CHECKS =
      List.of(new ScenarioUnknownStepCheck(), new ScenarioApproveCheck(), new ScenarioUnmatchableRuleCheck());

  private static final Map<String, Rule> ALL = build();

  private LintRules() {}

  public static List<PlaybookCheck> playbookChecks() {
    return PLAYBOOK_CHECKS;
  }

  public static List<ScenarioCheck> scenarioChecks() {
    return SCENARIO_CHECKS;
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
    return Suggestions.didYouMean(id, ALL.keySet());
  }

  private static Map<String, Rule> build() {
    List<Rule> rules = new ArrayList<>(ParseRules.all());
    for (PlaybookCheck c : PLAYBOOK_CHECKS) {
      rules.add(c.rule());
    }
    for (ScenarioCheck c : SCENARIO_CHECKS) {
      rules.add(c.rule());
    }
    rules.add(LintFiles.NOT_LINTABLE);
    rules.add(LintFiles.SKIPPED);
    rules.add(UNKNOWN_RULE);
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
