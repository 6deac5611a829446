package runbook.lint;

import java.util.Locale;

/** How findings are written: for people, for programs, for code scanning, for workflow annotations. */
public enum LintFormat {
  TEXT(new TextOutput()),
  JSON(new JsonOutput()),
  SARIF(new SarifOutput()),
  GITHUB(new GithubOutput());

  private final LintOutput output;

  LintFormat(LintOutput output) {
    this.output = output;
  }

  /** The report in this format; ends with a newline unless empty. */
  public String render(LintReport report) {
    return output.render(report);
  }

  /** The name used on the command line. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
