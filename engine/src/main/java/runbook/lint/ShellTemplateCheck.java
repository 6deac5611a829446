package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.Command;
import runbook.diag.Rule;

/**
 * A template in a {@code shell: true} script where no quoting can keep its value from being read as
 * code: inside a shell parameter expansion ({@code $${x:-${v}}}) or a here-document's delimiter.
 * {@code runbook run} refuses the playbook for it before the first step.
 */
final class ShellTemplateCheck implements PlaybookCheck {
  static final Rule RULE = new Rule("shell-template", Severity.ERROR,
      "a `${...}` in a `shell: true` script stands where its value cannot be kept from running",
      Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    for (Command c : lint.commands()) {
      if (c.shell() && c.line() != null && c.line().hasPlaceholders()) {
        for (Diagnostic d : lint.engine().checkShell(c.line())) {
          if (d.rule().equals(RULE.id())) {
            out.add(RULE.at(d.span(), d.message(), d.hint()));
          }
        }
      }
    }
  }
}
