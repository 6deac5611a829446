package runbook.model;

/** Which output an {@code assert-output} reads. */
public enum OutputStream {
  STDOUT("stdout"),
  STDERR("stderr"),
  BOTH("both");

  private final String key;

  OutputStream(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
