package runbook.model;

import java.util.Objects;

/**
 * A 1-based position in a source file. Every model element carries one so that any diagnostic, at
 * parse time or at run time, can name {@code file:line:col}.
 *
 * <p>The span where a string value starts may also know where each later character of that value
 * stands ({@link TextPositions}): YAML folds lines, drops indentation and quotes, and turns escapes
 * into one character, so offset n of a block or multi-line scalar is rarely column n of its first
 * line. {@link #at(String, int)} is the one place a position inside a value is worked out.
 *
 * @param file the path as the user gave it (or as resolved relative to a variant), for display
 * @param line 1-based line
 * @param column 1-based column
 * @param positions where each character of the value that starts here stands; null when unknown
 *     (then the value is taken to be the text of the file from here on). Not part of equality.
 */
public record SourceSpan(String file, int line, int column, TextPositions positions) {
  public SourceSpan {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
    }
  }

  public SourceSpan(String file, int line, int column) {
    this(file, line, column, null);
  }

  /** The position {@code lines} lines and then {@code columns} columns further on. */
  public SourceSpan shift(int lines, int columns) {
    return new SourceSpan(file, line + lines, lines == 0 ? column + columns : 1 + columns);
  }

  /**
   * Where character {@code offset} of {@code text}, a value that starts at this span, stands in the
   * file. The result knows the positions of the rest of the value, so a part of a value (the
   * expression inside a {@code ${...}}) can be placed in turn.
   */
  public SourceSpan at(String text, int offset) {
    if (positions != null && positions.covers(text)) {
      return positions.at(offset);
    }
    int end = Math.max(0, Math.min(text.length(), offset));
    int lines = 0;
    int lineStart = -1;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
        lineStart = i;
      }
    }
    return lines == 0 ? shift(0, end) : shift(lines, end - lineStart - 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceSpan s && s.file.equals(file) && s.line == line && s.column == column;
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, line, column);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
