package runbook.files;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** What an operator needs to act on a write that failed: the system's reason, and for a full disk how much space is left where. */
public final class DiskSpace {
  private DiskSpace() {}

  /** True when the write failed because the file system (or the user's quota) is full. */
  public static boolean full(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code no space left on device (ENOSPC): the file system of /srv/state (mounted on /srv) has 0
   * bytes free of 10 MiB}; for another error the system's message.
   */
  public static String explain(Path file, Throwable e) {
    if (!full(e)) {
      return String.valueOf(e.getMessage());
    }
    Path dir = file.toAbsolutePath().getParent();
    String quota = String.valueOf(e.getMessage()).contains("quota") ? "disk quota exceeded (EDQUOT)" : "no space left on device (ENOSPC)";
    try {
      FileStore store = Files.getFileStore(dir);
      return quota + ": the file system of " + dir + " (" + store + ") has " + InputFiles.human(store.getUsableSpace())
          + " free of " + InputFiles.human(store.getTotalSpace());
    } catch (IOException | RuntimeException x) {
      return quota + " in " + dir;
    }
  }
}
