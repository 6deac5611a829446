package runbook.lint;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.scenario.CommandPattern;
import runbook.scenario.CommandRule;
import runbook.diag.Rule;

/**
 * A command rule of a scenario that can never answer: an earlier rule answers everything it would
 * (the same glob, or a glob that is a prefix of it ending in {@code *}, under no more flags); it waits
 * for a flag that no rule sets; or its glob names a program the playbook neither runs nor requires.
 */
final class ScenarioUnmatchableRuleCheck implements ScenarioCheck {
  static final Rule RULE =
      new Rule("scenario-unmatchable-rule", Severity.WARNING, "a scenario's command rule can never match",
          Rule.Section.SCENARIO);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(ScenarioLint lint, List<Diagnostic> out) {
    List<CommandRule> rules = lint.scenario().rules();
    Set<String> settable = new HashSet<>();
    for (CommandRule r : rules) {
      settable.addAll(r.sets());
    }
    for (int i = 0; i < rules.size(); i++) {
      CommandRule rule = rules.get(i);
      String problem = shadowedBy(rules, i);
      if (problem == null) {
        for (String flag : rule.when()) {
          if (!settable.contains(flag)) {
            problem = "it waits for the flag `" + flag + "`, which no rule `sets`";
          }
        }
      }
      if (problem == null && rule.pattern().glob() && !lint.runsUnknownProgram()) {
        String program = rule.pattern().text().strip().split("\\s+", 2)[0];
        if (!program.contains("*") && !program.contains("?") && !lint.programs().contains(program)) {
          problem = "the playbook neither runs nor requires `" + program + "`";
        }
      }
      if (problem != null) {
        out.add(RULE.at(rule.pattern().span(), "this rule can never match: " + problem,
            "remove it, or fix its pattern or flags"));
      }
    }
  }

  private static String shadowedBy(List<CommandRule> rules, int i) {
    CommandRule rule = rules.get(i);
    for (int j = 0; j < i; j++) {
      CommandRule earlier = rules.get(j);
      if (rule.when().containsAll(earlier.when()) && covers(earlier.pattern(), rule.pattern())) {
        return "the rule on line " + earlier.pattern().span().line() + " (`" + earlier.pattern().text()
            + "`) answers every command it would";
      }
    }
    return null;
  }

  /** Whether every line {@code later} matches is matched by {@code earlier}. */
  private static boolean covers(CommandPattern earlier, CommandPattern later) {
    if (earlier.glob() != later.glob()) {
      return false;
    }
    if (earlier.text().equals(later.text())) {
      return true;
    }
    if (!earlier.glob()) {
      return false;
    }
    String e = earlier.text();
    if (!e.endsWith("*")) {
      return false;
    }
    String prefix = e.substring(0, e.length() - 1);
    return !prefix.contains("*") && !prefix.contains("?") && later.text().startsWith(prefix);
  }
}
