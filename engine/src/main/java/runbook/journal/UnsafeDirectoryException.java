package runbook.journal;

import java.io.IOException;

/**
 * A directory or file the engine would keep its state in is not safe to use: a symbolic link, owned
 * by another user, or writable by others. The message names it, says why and what to do.
 */
public final class UnsafeDirectoryException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnsafeDirectoryException(String message) {
    super(message);
  }
}
