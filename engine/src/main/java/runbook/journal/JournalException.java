package runbook.journal;

/** A journal that cannot be read back: the message names the file, the line and what is wrong. */
public final class JournalException extends Exception {
  private static final long serialVersionUID = 1L;

  public JournalException(String message) {
    super(message);
  }
}
