package runbook.journal;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A record could not be written (a full disk, an I/O error). The journal was cut back to its last
 * whole record, so it stays readable and the run can be resumed once the cause is gone; the message
 * names the file and, for a full disk, the space left.
 */
public final class JournalWriteException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  public JournalWriteException(String message, IOException cause) {
    super(message, cause);
  }
}
