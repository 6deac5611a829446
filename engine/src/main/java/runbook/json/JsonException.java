package runbook.json;

/** A JSON text that is not valid; the message starts with the 1-based {@code line:column}. */
public final class JsonException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int line;
  private final int column;
  private final String problem;

  JsonException(int line, int column, String problem) {
    super(line + ":" + column + ": " + problem);
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** 1-based line of the error. */
  public int line() {
    return line;
  }

  /** 1-based column (in characters) of the error. */
  public int column() {
    return column;
  }

  /** The message without the position. */
  public String problem() {
    return problem;
  }
}
