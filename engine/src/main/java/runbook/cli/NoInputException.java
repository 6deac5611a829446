package runbook.cli;

/** A file the operator named does not exist or cannot be read (exit 66). */
public final class NoInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public NoInputException(String message) {
    super(message);
  }
}
