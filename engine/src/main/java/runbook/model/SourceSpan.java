package runbook.model;

import java.util.Objects;

/**
 * A 1-based position in a source file. Every model element carries one so that any diagnostic, at
 * parse time or at run time, can name {@code file:line:col}.
 *
 * @param file the path as the user gave it (or as resolved relative to a variant), for display
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourceSpan(String file, int line, int column) {
  public SourceSpan {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
    }
  }

  /** The position {@code lines} lines and then {@code columns} columns further on. */
  public SourceSpan shift(int lines, int columns) {
    return new SourceSpan(file, line + lines, lines == 0 ? column + columns : 1 + columns);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
