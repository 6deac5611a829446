package runbook.lint;

/** Writes a lint report in one format. */
interface LintOutput {
  String render(LintReport report);
}
