package runbook.state;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The state directory cannot be written: the run stops before its first step, since a run without
 * its journal could not be resumed. The message names the directory and the system's error.
 */
public final class StateDirectoryException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final Map<String, String> ERRNO = Map.of(
      "Permission denied", "EACCES",
      "Read-only file system", "EROFS",
      "No space left on device", "ENOSPC",
      "Disk quota exceeded", "EDQUOT",
      "Operation not permitted", "EPERM",
      "Not a directory", "ENOTDIR",
      "No such file or directory", "ENOENT",
      "Input/output error", "EIO");

  private StateDirectoryException(String message, Throwable cause) {
    super(message, cause);
  }

  static StateDirectoryException of(Path stateDir, java.io.IOException e) {
    if (e instanceof runbook.journal.UnsafeDirectoryException) {
      return new StateDirectoryException(e.getMessage() + "; nothing was run", e);
    }
    return new StateDirectoryException("cannot write the state directory " + stateDir + ": " + reason(e)
        + "; nothing was run. Make it writable, or choose another with --state-dir or RUNBOOK_STATE_DIR", e);
  }

  /** The system's words for the error and its errno name: {@code permission denied (EACCES) on /x/locks}. */
  static String reason(java.io.IOException e) {
    String text;
    if (e instanceof AccessDeniedException) {
      text = "Permission denied";
    } else if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      text = "Not a directory";
    } else if (e instanceof NoSuchFileException) {
      text = "No such file or directory";
    } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
      text = fs.getReason();
    } else {
      text = String.valueOf(e.getMessage());
    }
    String errno = ERRNO.get(text);
    String file = e instanceof FileSystemException fs ? fs.getFile() : null;
    return text.toLowerCase(java.util.Locale.ROOT) + (errno == null ? "" : " (" + errno + ")") + (file == null ? "" : " on " + file);
  }
}
