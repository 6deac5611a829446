package runbook.lint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.Command;
import runbook.model.Param;
import runbook.model.ParamType;
import runbook.model.Step;
import runbook.model.Template;
import runbook.diag.Rule;

/**
 * A string param that reaches a command's arguments and may start with {@code -}: the command would
 * read {@code --set vg=--version} as an option. {@code type: name} or {@code type: path} (or a
 * {@code pattern} or {@code choices} that refuse a leading {@code -}) guard it.
 */
final class UnguardedParamCheck implements PlaybookCheck {
  static final Rule RULE = new Rule("unguarded-param", Severity.WARNING,
      "a string param passed to a command may start with `-` and be read as an option", Rule.Section.CHECK);

  /** A {@code ${...}} at the start of a word: after a blank, an opening quote, or at the start. */
  private static final Pattern WORD_START = Pattern.compile("(?:^|[\\s'\"])(\\$\\{[^}]*\\})");

  /** Values a guarded param refuses. */
  private static final List<String> OPTIONS = List.of("-", "-a", "-1", "--a", "--version", "-x-");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    Map<String, String> firstUse = new LinkedHashMap<>();
    for (Step s : lint.steps().values()) {
      for (Command c : s.commands()) {
        List<Template> words = c.args() != null ? c.args() : List.of(c.line());
        for (Template t : words) {
          // only a template that starts a word can make it an option (`--name=${v}` cannot)
          java.util.regex.Matcher m = WORD_START.matcher(t.text());
          while (m.find()) {
            for (String name : lint.names(new Template(m.group(1), t.span()))) {
              firstUse.putIfAbsent(name, s.id());
            }
          }
        }
      }
    }
    for (Map.Entry<String, String> use : firstUse.entrySet()) {
      Param p = lint.playbook().params().get(use.getKey());
      if (p != null && unguarded(p)) {
        out.add(RULE.at(p.span(), "param `" + p.name() + "` reaches the command of step `" + use.getValue()
                + "` and may start with `-`, which the command would read as an option",
            "add `type: name` (a name: no leading `-`, `/` or blanks) or `type: path`, or a `pattern` that refuses a leading `-`"));
      }
    }
  }

  private static boolean unguarded(Param p) {
    if (p.type() != ParamType.STRING || p.secret()) {
      return false;
    }
    if (!p.choices().isEmpty()) {
      return p.choices().stream().anyMatch(c -> c.startsWith("-"));
    }
    if (p.pattern() == null) {
      return true;
    }
    Pattern pattern = Pattern.compile(p.pattern());
    return OPTIONS.stream().anyMatch(o -> pattern.matcher(o).matches());
  }
}
