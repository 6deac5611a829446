package runbook.model;

/** What a declined {@code confirm} does. */
public enum OnDecline {
  /** The run stops as aborted (exit 3) before anything after it runs. */
  ABORT("abort"),
  /** The run goes on; {@code <id>.approved} is false. */
  SKIP("skip");

  private final String key;

  OnDecline(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
