package runbook.diag;

/** How bad a finding is. Errors stop a run; warnings fail only {@code lint --strict}. */
public enum Severity {
  ERROR("error"),
  WARNING("warning"),
  INFO("info");

  private final String key;

  Severity(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
