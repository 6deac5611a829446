package runbook.exec;

import java.io.IOException;

/** The run directory cannot be created or written: the state directory is not usable. */
public final class RunDirectoryException extends IOException {
  private static final long serialVersionUID = 1L;

  public RunDirectoryException(String message, IOException cause) {
    super(message, cause);
  }
}
