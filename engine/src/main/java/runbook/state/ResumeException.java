package runbook.state;

/** A run that cannot be resumed as asked; {@link #reason()} decides the exit code. */
public final class ResumeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the resume did not start. */
  public enum Reason {
    /** No such run, or its playbook file is gone (exit 66). */
    NOT_FOUND,
    /** The playbook changed since the run started and {@code --force} was not given (exit 65). */
    PLAYBOOK_CHANGED,
    /** The journal is damaged before its last line (exit 65). */
    DAMAGED_JOURNAL,
    /** The run succeeded, or was a dry run: nothing to continue (exit 64). */
    NOT_RESUMABLE,
    /** A change was interrupted and nobody decided what to do with it, or the operator aborted (exit 3). */
    UNDECIDED
  }

  private final Reason reason;

  public ResumeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
