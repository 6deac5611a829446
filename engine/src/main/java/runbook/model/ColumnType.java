package runbook.model;

/** How a {@code parse-table} cell is converted. */
public enum ColumnType {
  STRING("string"),
  INT("int"),
  NUMBER("number"),
  BOOL("bool"),
  /** {@code 60.01} becomes 60.01; empty becomes null. */
  PERCENT("percent"),
  /** {@code 4096}, {@code 8.00m}, {@code 2.61t}, {@code <794.79g}, {@code 4,54t}; binary units; empty becomes null. */
  BYTES("bytes");

  private final String key;

  ColumnType(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
