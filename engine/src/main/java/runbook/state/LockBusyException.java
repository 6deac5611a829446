package runbook.state;

/** Another run holds the lock of this playbook in this state directory (exit 75). */
public final class LockBusyException extends Exception {
  private static final long serialVersionUID = 1L;

  LockBusyException(String message) {
    super(message);
  }
}
