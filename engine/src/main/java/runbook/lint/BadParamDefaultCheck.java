package runbook.lint;

import java.util.List;
import java.util.regex.Pattern;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.Param;
import runbook.units.Sizes;

/** A param's {@code default} that its own type, pattern or choices refuse: the run could never start with it. */
final class BadParamDefaultCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule("bad-param-default", Severity.ERROR, "a param's `default` fails its own type, pattern or choices");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Param p : lint.playbook().params().values()) {
      String value = p.defaultValue();
      if (value == null) {
        continue;
      }
      String problem = typeProblem(p, value);
      if (problem == null && !p.choices().isEmpty() && !p.choices().contains(value)) {
        problem = "it is not one of the choices " + p.choices();
      }
      if (problem == null && p.pattern() != null && BadParamPatternCheck.problem(p.pattern()) == null
          && !Pattern.compile(p.pattern()).matcher(value).matches()) {
        problem = "it does not match the pattern '" + p.pattern() + "'";
      }
      if (problem != null) {
        out.add(RULE.at(p.span(), "the default '" + value + "' of param `" + p.name() + "` is refused: " + problem,
            "change the default, or the param's type, pattern or choices"));
      }
    }
  }

  private static String typeProblem(Param p, String value) {
    switch (p.type()) {
      case INT:
        try {
          Long.parseLong(value.strip());
          return null;
        } catch (NumberFormatException e) {
          return "it is not an int";
        }
      case BOOL:
        return value.equals("true") || value.equals("false") ? null : "it is not a bool (true or false)";
      case SIZE:
        try {
          Sizes.parseBytes(value);
          return null;
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      case PATH:
        return value.isBlank() ? "a path cannot be empty" : null;
      default:
        return null;
    }
  }
}
