package runbook.table;

/**
 * Input that does not fit the table. The message names the 1-based line number of the input and
 * quotes that line, or names the json row; {@link #line()} is 0 when the problem is not one line's
 * (a typed column that does not exist, a json path that leads nowhere).
 */
public final class TableException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int line;
  private final String lineText;

  TableException(int line, String lineText, String problem) {
    super(line > 0 ? "line " + line + ": " + problem + ": `" + lineText + "`" : problem);
    this.line = line;
    this.lineText = lineText;
  }

  static TableException general(String problem) {
    return new TableException(0, null, problem);
  }

  /** 1-based line of the input, or 0. */
  public int line() {
    return line;
  }

  /** The text of that line, or null when {@link #line()} is 0. */
  public String lineText() {
    return lineText;
  }
}
