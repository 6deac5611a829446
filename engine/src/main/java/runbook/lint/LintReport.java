package runbook.lint;

import java.util.List;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;

/**
 * What one lint call found.
 *
 * @param files the files linted, in order
 * @param findings sorted by file, then position, then rule
 */
public record LintReport(List<String> files, List<Diagnostic> findings) {
  public LintReport {
    files = List.copyOf(files);
    findings = List.copyOf(findings);
  }

  public long count(Severity severity) {
    return findings.stream().filter(d -> d.severity() == severity).count();
  }

  /** Whether lint fails: any error, or under {@code --strict} any warning too. */
  public boolean failed(boolean strict) {
    return count(Severity.ERROR) > 0 || (strict && count(Severity.WARNING) > 0);
  }

  /** One line: {@code 2 errors, 1 warning in 3 files}. */
  public String summary() {
    long notes = count(Severity.INFO);
    return plural(count(Severity.ERROR), "error") + ", " + plural(count(Severity.WARNING), "warning")
        + (notes > 0 ? ", " + plural(notes, "note") : "") + " in " + plural(files.size(), "file");
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
