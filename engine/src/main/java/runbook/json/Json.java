package runbook.json;

/**
 * A small JSON (RFC 8259) reader and writer with no dependency.
 *
 * <p>Values: objects are {@code Map<String, Object>} (insertion ordered), arrays {@code List<Object>},
 * then {@code String}, {@code Boolean}, {@code null} and numbers: {@code Long} for integers that fit,
 * {@code BigDecimal} for larger integers, {@code Double} for fractions and exponents (or {@code
 * BigDecimal} when the value is out of {@code double}'s range).
 */
public final class Json {
  /** Deeper documents are refused: they come from a bug or an attack, never from a tool's report. */
  public static final int MAX_DEPTH = 256;

  private Json() {}

  /**
   * Reads one JSON value; surrounding white space is allowed, anything else after the value is not.
   * Duplicate keys in an object are refused (a silent last-wins would hide data).
   */
  public static Object parse(String text) throws JsonException {
    return new JsonReader(text).readDocument();
  }

  /**
   * Compact one-line JSON. Accepts {@code Map} (string keys), {@code Collection}, {@code String},
   * {@code Character}, {@code Number} (finite), {@code Boolean}, enums (their name) and {@code null}.
   *
   * @throws IllegalArgumentException for any other value, a non-string key, a non-finite number, or
   *     nesting deeper than {@link #MAX_DEPTH} (a cycle)
   */
  public static String write(Object value) {
    return new JsonWriter(false).write(value);
  }

  /** As {@link #write}, indented by two spaces per level, one member per line; no final newline. */
  public static String writePretty(Object value) {
    return new JsonWriter(true).write(value);
  }
}
