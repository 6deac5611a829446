package runbook.lint;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.Param;

/** A param's {@code pattern} that is not a valid regular expression: every value would be refused. */
final class BadParamPatternCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule("bad-param-pattern", Severity.ERROR, "a param's `pattern` is not a valid regular expression");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Param p : lint.playbook().params().values()) {
      String problem = problem(p.pattern());
      if (problem != null) {
        out.add(RULE.at(p.span(), "the pattern of param `" + p.name() + "` does not compile: " + problem,
            "fix the regular expression (it must match the whole value)"));
      }
    }
  }

  /** Why {@code pattern} does not compile, or null when it does (or is absent). */
  static String problem(String pattern) {
    if (pattern == null) {
      return null;
    }
    try {
      Pattern.compile(pattern);
      return null;
    } catch (PatternSyntaxException e) {
      return e.getDescription() + " near index " + e.getIndex() + " of '" + pattern + "'";
    }
  }
}
