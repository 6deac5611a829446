package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.Command;
import runbook.model.Template;
import runbook.diag.Rule;

/**
 * Shell syntax in a command that runs without a shell: {@code |}, {@code >}, {@code &&}, {@code ;},
 * {@code $(} reach the program as literal words, so {@code lvs | grep pool} runs {@code lvs} with
 * the arguments {@code |}, {@code grep} and {@code pool}. The scan follows the engine's quoting
 * rules: a quoted or escaped character is the author's literal and is not reported.
 */
final class ShellSyntaxCheck implements PlaybookCheck {
  static final Rule RULE = new Rule("shell-syntax", Severity.WARNING,
      "shell syntax (`|`, `>`, `&&`, `;`, `$(`) in a command that runs without a shell", Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Command c : lint.commands()) {
      if (c.line() != null && !c.shell()) {
        Diagnostic d = scan(c.line());
        if (d != null) {
          out.add(d);
        }
      }
    }
  }

  /** The first shell operator outside quotes (or {@code $(}/backquote inside double quotes); null for none. */
  static Diagnostic scan(Template line) {
    String t = line.text();
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (t.startsWith("$${", i)) {
        i += 3;
      } else if (t.startsWith("${", i)) {
        int close = ResultPaths.matching(t, i + 1, '{', '}');
        if (close < 0) {
          return null;
        }
        i = close + 1;
      } else if (c == '\\') {
        i += 2;
      } else if (c == '\'') {
        int close = t.indexOf('\'', i + 1);
        if (close < 0) {
          return null;
        }
        i = close + 1;
      } else if (c == '"') {
        int j = i + 1;
        while (j < t.length() && t.charAt(j) != '"') {
          if (t.charAt(j) == '\\') {
            j++;
          } else if (t.startsWith("$(", j) || t.charAt(j) == '`') {
            return finding(line, j, t.startsWith("$(", j) ? "$(" : "`");
          }
          j++;
        }
        i = j + 1;
      } else {
        String op = operator(t, i);
        if (op != null) {
          return finding(line, i, op);
        }
        i++;
      }
    }
    return null;
  }

  private static String operator(String t, int i) {
    for (String op : List.of("&&", "||", "$(", ">>", "|", ">", "<", ";", "&", "`")) {
      if (t.startsWith(op, i)) {
        return op;
      }
    }
    return null;
  }

  private static Diagnostic finding(Template line, int at, String op) {
    return RULE.at(ExprText.position(line.span(), line.text(), at),
        "`" + op + "` is shell syntax, but this command runs without a shell: the program receives it as a literal argument",
        "add `shell: true` to run the line with bash (every `${...}` value is then shell-quoted), or quote it if the"
            + " program should see `" + op + "`");
  }
}
