package runbook.lint;

import runbook.diag.Diagnostic;

/** Workflow commands that annotate the lines of a pull request: {@code ::error file=...,line=...,col=...,title=rule::message}. */
final class GithubOutput implements LintOutput {
  @Override
  public String render(LintReport report) {
    StringBuilder b = new StringBuilder();
    for (Diagnostic d : report.findings()) {
      String command = switch (d.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case INFO -> "notice";
      };
      b.append("::").append(command)
          .append(" file=").append(property(d.span().file()))
          .append(",line=").append(d.span().line())
          .append(",col=").append(d.span().column())
          .append(",title=").append(property(d.rule()))
          .append("::").append(data(d.hint() == null ? d.message() : d.message() + " (" + d.hint() + ")"))
          .append('\n');
    }
    return b.toString();
  }

  // the workflow-command escapes: data may not hold line breaks or '%'; properties not ':' or ',' either
  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
