package runbook.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import runbook.diag.Diagnostics;
import runbook.model.Template;

/** Naming rules of the format (names, ids, titles), and the names expressions reserve for themselves. */
final class Names {
  static final Pattern PLAYBOOK = Pattern.compile("[a-z0-9][a-z0-9-]*");
  static final Pattern STEP_ID = Pattern.compile("[a-z][a-z0-9_]*");
  /** Params and vars are read by expressions, so they must be identifiers. */
  static final Pattern VALUE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** Names the engine puts in scope itself. */
  static final Set<String> BUILT_IN = Set.of("env", "run", "probe", "out", "err", "exit");

  private Names() {}

  /** An {@code env:} mapping: variable name to template, in file order. */
  static Map<String, Template> env(YamlNode node, Diagnostics d) {
    Map<String, Template> out = new LinkedHashMap<>();
    YamlMapping m = YamlValues.mapping(node, d, "`env`");
    if (m == null) {
      return out;
    }
    for (YamlMapping.Entry e : m.entries()) {
      String name = YamlValues.string(e.key(), d, "an environment variable name");
      if (name == null) {
        continue;
      }
      if (!ENV_NAME.matcher(name).matches()) {
        d.error(ParseRule.BAD_NAME, e.key().span(),
            "`" + name + "` is not a valid environment variable name", "use letters, digits and _, not starting with a digit");
      }
      Template value = YamlValues.template(e.value(), d, "env `" + name + "`");
      if (value != null) {
        out.putIfAbsent(name, value);
      }
    }
    return out;
  }

  /** Checks that a title is one non-empty line; {@code detailsKey} is where longer text belongs. */
  static Template title(Template title, Diagnostics d, String detailsKey) {
    if (title != null && title.text().isBlank()) {
      d.error(ParseRule.BAD_VALUE, title.span(), "a title must not be empty", "say in a few words what it is about");
    } else if (title != null && title.text().strip().contains("\n")) {
      d.error(ParseRule.NOT_ONE_LINE, title.span(), "a title must be one line", "move the details to " + detailsKey);
    }
    return title;
  }
}
