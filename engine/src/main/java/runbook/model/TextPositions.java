package runbook.model;

import java.util.Arrays;

/**
 * Where each character of a string value stands in its file, worked out from the YAML as written
 * (folded lines, indentation, quotes, escapes, chomping). Offset {@code length} is the place just
 * after the last character, where an unclosed quote or a trailing backslash is reported.
 */
public final class TextPositions {
  private final String file;
  private final String value;
  private final int[] lines;
  private final int[] columns;
  private final int from;

  /**
   * @param value the whole value
   * @param lines 1-based line of each character, and one more entry for the end
   * @param columns 1-based column of each character, and one more entry for the end
   */
  public TextPositions(String file, String value, int[] lines, int[] columns) {
    this(file, value, lines, columns, 0);
    if (lines.length != value.length() + 1 || columns.length != lines.length) {
      throw new IllegalArgumentException("one position per character and one for the end");
    }
  }

  private TextPositions(String file, String value, int[] lines, int[] columns, int from) {
    this.file = file;
    this.value = value;
    this.lines = lines;
    this.columns = columns;
    this.from = from;
  }

  /** True when {@code text} is the part of the value these positions describe. */
  boolean covers(String text) {
    return value.startsWith(text, from);
  }

  /** The position of character {@code offset} (counted from where this part starts), knowing the rest. */
  SourceSpan at(int offset) {
    int i = Math.max(0, Math.min(value.length(), from + offset));
    return new SourceSpan(file, lines[i], columns[i], new TextPositions(file, value, lines, columns, i));
  }

  @Override
  public String toString() {
    return "TextPositions" + Arrays.toString(Arrays.copyOf(lines, Math.min(lines.length, 8)));
  }
}
