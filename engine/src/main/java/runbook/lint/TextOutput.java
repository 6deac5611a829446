package runbook.lint;

import runbook.diag.DiagnosticFormatter;

/** {@code path:line:col: severity[rule]: message}, the source line, a caret, a hint; then a summary line. */
final class TextOutput implements LintOutput {
  @Override
  public String render(LintReport report) {
    return new DiagnosticFormatter().format(report.findings()) + report.summary() + "\n";
  }
}
