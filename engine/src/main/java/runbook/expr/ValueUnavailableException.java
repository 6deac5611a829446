package runbook.expr;

/**
 * Thrown by a value in scope (a step result map) when it cannot be read, such as the stdout of a
 * command whose output was truncated. The evaluation fails with this message.
 */
public class ValueUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ValueUnavailableException(String message) {
    super(message);
  }
}
