package runbook.lint;

import runbook.diag.Diagnostic;
import runbook.diag.DiagnosticFormatter;

/** {@code path:line:col: severity[rule]: message}, the source line, a caret, a hint; then a summary line. */
final class TextOutput implements LintOutput {
  @Override
  public String render(LintReport report, SourceLines lines) {
    StringBuilder b = new StringBuilder();
    for (Diagnostic d : report.findings()) {
      b.append(DiagnosticFormatter.format(d, lines.of(d.span().file())));
    }
    return b.append(report.summary()).append('\n').toString();
  }
}
