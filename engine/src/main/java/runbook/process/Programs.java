package runbook.process;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Finds programs the way {@code execvp} does, so a missing program is reported before anything starts. */
final class Programs {
  /** What {@code execvp} searches when the environment has no PATH. */
  static final String DEFAULT_PATH = "/bin:/usr/bin";

  private Programs() {}

  /**
   * The executable {@code name} stands for, or null.
   *
   * @param path the PATH value to search; null means {@link #DEFAULT_PATH}
   * @param cwd where a relative name or an empty PATH entry is resolved; null = the engine's
   */
  static Path find(String name, String path, Path cwd) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    try {
      if (name.indexOf('/') >= 0) {
        Path candidate = resolve(cwd, Path.of(name));
        return isExecutable(candidate) ? candidate : null;
      }
      // an empty PATH entry means the working directory, as in POSIX
      for (String dir : (path == null ? DEFAULT_PATH : path).split(":", -1)) {
        Path candidate = resolve(cwd, Path.of(dir.isEmpty() ? "." : dir)).resolve(name);
        if (isExecutable(candidate)) {
          return candidate;
        }
      }
    } catch (InvalidPathException e) {
      return null;
    }
    return null;
  }

  private static Path resolve(Path cwd, Path p) {
    return p.isAbsolute() || cwd == null ? p : cwd.resolve(p);
  }

  private static boolean isExecutable(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }
}
