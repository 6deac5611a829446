package runbook.model;

/** How {@code parse-table} reads its input. */
public enum TableFormat {
  /** Human output with a header line; columns come from the header's positions. */
  ALIGNED("aligned"),
  /** One row per line, split on a separator. */
  DELIMITED("delimited"),
  /** A JSON document; {@code json-path} says where the list of rows is. */
  JSON("json");

  private final String key;

  TableFormat(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
