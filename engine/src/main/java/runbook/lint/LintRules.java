package runbook.lint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import runbook.diag.Severity;
import runbook.diag.Suggestions;
import runbook.parse.ParseRule;
import runbook.variant.VariantRule;
import runbook.diag.Rule;

/**
 * The one registry of rules: every diagnostic of the parser ({@link ParseRule}), the variant
 * resolver ({@link VariantRule}), the expression engine and lint's checks is reported under a
 * {@link Rule} listed here, once. {@code docs/lint-rules.md} has one section per rule and an index
 * made from this list ({@link #index()}); SARIF output describes these.
 */
public final class LintRules {
  /** Findings about the lint comments themselves. */
  public static final Rule UNKNOWN_RULE =
      new Rule("unknown-lint-rule", Severity.WARNING, "a `# runbook-lint: disable=` comment names no rule",
          Rule.Section.LINT);

  /** A check that failed on a file: a defect in lint, reported rather than stopping the other files. */
  public static final Rule INTERNAL =
      new Rule("lint-internal", Severity.ERROR, "a check failed on this file (a defect in lint; please report it)",
          Rule.Section.LINT);

  private static final List<PlaybookCheck> PLAYBOOK_CHECKS =
      List.of(
          new ExprCheck(new Rule("expr-syntax", Severity.ERROR,
              "an expression or a `${...}` template does not compile", Rule.Section.CHECK)),
          new ExprCheck(new Rule("expr-sandbox", Severity.ERROR,
              "an expression assigns, loops, creates objects or calls Java methods, which the sandbox forbids",
              Rule.Section.CHECK)),
          new ExprCheck(new Rule("expr-undefined", Severity.ERROR,
              "an expression calls a function or namespace that does not exist", Rule.Section.CHECK)),
          new UndefinedNameCheck(),
          new ResultFieldCheck(ResultReads.UNKNOWN_FIELD),
          new ResultFieldCheck(ResultReads.UNKNOWN_COLUMN),
          new CommandQuotingCheck(),
          new ShellSyntaxCheck(),
          new NotYetRunCheck(),
          new MaybeSkippedCheck(),
          new ConstantWhenCheck(),
          new ConditionTypeCheck(),
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

  /**
   * The index of docs/lint-rules.md: per section, a table of its rules with their severity and
   * summary, each linking to the rule's own section. LintRulesDocTest keeps the page's copy equal.
   */
  public static String index() {
    StringBuilder out = new StringBuilder();
    for (Rule.Section section : Rule.Section.values()) {
      out.append("### ").append(section.heading()).append("\n\n");
      String about = section.about();
      out.append(Character.toUpperCase(about.charAt(0))).append(about.substring(1)).append(".\n\n");
      out.append("| rule | severity | what it finds |\n| --- | --- | --- |\n");
      for (Rule r : ALL.values()) {
        if (r.section() == section) {
          out.append("| [`").append(r.id()).append("`](#").append(r.id()).append(") | ")
              .append(r.severity().key()).append(" | ").append(r.summary().replace("|", "\\|")).append(" |\n");
        }
      }
      out.append('\n');
    }
    return out.toString().stripTrailing() + "\n";
  }

  private static Map<String, Rule> build() {
    List<Rule> rules = new ArrayList<>(ParseRule.ALL);
    rules.addAll(VariantRule.ALL);
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
