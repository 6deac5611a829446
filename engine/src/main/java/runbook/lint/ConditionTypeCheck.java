package runbook.lint;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import runbook.diag.Diagnostic;
import runbook.diag.Rule;
import runbook.diag.Severity;
import runbook.model.Actions;
import runbook.model.Param;
import runbook.model.ParamType;
import runbook.model.ResultField;
import runbook.model.Step;

/**
 * A condition ({@code when}, {@code that}, {@code retry.until}) that is one name whose type is
 * known and is not true or false: a text or number param, a step's result, a result field that is
 * not a bool. The engine stops at that step ("expected a condition that is true or false"), which
 * may come after steps that changed the system; the types are known before the first step.
 */
final class ConditionTypeCheck implements PlaybookCheck {
  static final Rule RULE = new Rule("condition-type", Severity.ERROR,
      "a condition is a single param, result or field whose type is not true or false",
      Rule.Section.CHECK);

  private static final Pattern PATH = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\.([A-Za-z_][A-Za-z0-9_]*))?");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    Map<String, Param> params = lint.playbook().params();
    for (Site site : lint.sites()) {
      if (site.expr() == null) {
        continue;
      }
      Matcher m = PATH.matcher(site.expr().source().strip());
      if (!m.matches() || site.locals().contains(m.group(1))) {
        continue;
      }
      String name = m.group(1);
      String field = m.group(2);
      String what = null;
      String hint = null;
      Step step = lint.steps().get(name);
      Param param = params.get(name);
      if (field == null && step != null) {
        what = "`" + name + "` is the whole result of step `" + name + "`";
        hint = "read a field of it: `" + name + ".ok`, `" + name + ".skipped`";
      } else if (field == null && param != null && param.type() != ParamType.BOOL) {
        what = "`" + name + "` is a param of type " + param.type().name().toLowerCase(java.util.Locale.ROOT);
        hint = "compare it (`" + name + " == 'value'`, `" + name + " != ''`), or give the param `type: bool`";
      } else if (field != null && step != null && !lint.playbook().vars().containsKey(name)) {
        ResultField f = Actions.fields(step).get(field);
        if (f != null && !f.type().equals("bool")) {
          what = "`" + name + "." + field + "` is " + f.type() + " (" + f.doc() + ")";
          hint = "compare it: `" + name + "." + field + (f.type().equals("int") ? " == 0`" : " != ''`")
              + ", or read a bool field such as `" + name + ".ok`";
        }
      }
      if (what != null) {
        out.add(RULE.at(site.expr().span(), "`" + site.key() + "` must be true or false, but " + what, hint));
      }
    }
  }
}
