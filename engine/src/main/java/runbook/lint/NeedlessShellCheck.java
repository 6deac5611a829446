package runbook.lint;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.Command;
import runbook.diag.Rule;

/**
 * {@code shell: true} on a command without any shell syntax: it gains nothing from the shell and
 * loses the guarantee that a value never splits into extra words.
 */
final class NeedlessShellCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule("needless-shell", Severity.WARNING, "`shell: true` on a command that uses no shell syntax",
          Rule.Section.CHECK);

  /** Pipes, lists, redirection, substitution, globs, expansions, grouping, comments, line breaks. */
  private static final Pattern SYNTAX = Pattern.compile("[|&;<>()$`*?\\[\\]{}~!\\n]|(^|\\s)#");

  /** {@code NAME=value cmd}: an assignment in front of the command. */
  private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*[A-Za-z_][A-Za-z0-9_]*=");

  /** Words that only mean something to the shell. */
  private static final Set<String> BUILTINS =
      Set.of("cd", "export", "source", ".", "set", "unset", "if", "for", "while", "until", "case", "exec",
          "eval", "trap", "umask", "ulimit", "read", "wait", "[[", "test", "[", "alias", "shopt", "function");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Command c : lint.commands()) {
      if (c.shell() && c.line() != null && !usesShell(c.line().text())) {
        out.add(RULE.at(c.span(), "`shell: true` but the command uses no shell syntax",
            "remove `shell: true`: the command runs directly, and a value can never split into extra words"));
      }
    }
  }

  static boolean usesShell(String line) {
    String literal = ExprText.literalParts(line);
    if (SYNTAX.matcher(literal).find() || ASSIGNMENT.matcher(literal).find()) {
      return true;
    }
    String first = literal.strip().split("\\s+", 2)[0];
    return BUILTINS.contains(first);
  }
}
