package runbook.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Where runs are kept: {@code --state-dir}, else {@code RUNBOOK_STATE_DIR}, else a per-user default. */
public final class StateDirectory {
  private StateDirectory() {}

  /**
   * @param option the {@code --state-dir} value; null when not given
   * @param env the engine's environment
   * @param user the name of the user running the engine
   * @param home the user's home directory
   */
  public static Path resolve(Path option, Map<String, String> env, String user, Path home) {
    if (option != null) {
      return option.toAbsolutePath().normalize();
    }
    String fromEnv = env.get("RUNBOOK_STATE_DIR");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath().normalize();
    }
    if ("root".equals(user)) {
      return Path.of("/var/lib/runbook");
    }
    String xdg = env.get("XDG_STATE_HOME");
    // the XDG base directory spec says a relative value is invalid and must be ignored
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "runbook");
    }
    return home.resolve(".local/state/runbook");
  }

  /**
   * Makes the state directory ready for a run, or refuses it: creates what is missing ({@code 0700}),
   * then checks that nobody but this user (and root, above it) could replace or read what the engine
   * keeps there. Every directory above it must belong to this user or root and let nobody else
   * rename its entries (group- or world-writable only with the sticky bit, like {@code /tmp}); a
   * symbolic link on the way must belong to this user or root; the state directory must be this
   * user's own. ({@code runs/} and {@code locks/} in it are checked where they are used.)
   *
   * @throws UnsafeDirectoryException a directory fails a check: the message names it and why
   * @throws IOException the system refused to create or read a directory
   */
  public static void prepare(Path stateDir) throws IOException {
    Path dir = stateDir.toAbsolutePath().normalize();
    // the deepest part of the path that exists; every link on the way must be trusted
    Path existing = dir.getRoot();
    for (Path name : dir) {
      Path next = existing.resolve(name);
      Owners.Stat s;
      try {
        s = Owners.stat(next);
      } catch (NoSuchFileException e) {
        break;
      }
      if (s.link() && s.uid() != Owners.myUid() && s.uid() != 0) {
        throw new UnsafeDirectoryException(next + " is a symbolic link owned by " + Owners.describeOwner(next)
            + ": another user decides where it points. Give the real directory instead");
      }
      existing = next;
    }
    Path real = existing.toRealPath();
    for (Path a : PrivateFiles.ancestors(real)) {
      check(a, Owners.Role.ANCESTOR);
    }
    boolean isState = existing.equals(dir);
    check(real, isState ? Owners.Role.STATE : Owners.Role.ANCESTOR);
    // create what is missing below the part that exists, each private
    Path cur = real;
    for (Path name : existing.relativize(dir)) {
      if (name.toString().isEmpty()) {
        continue;
      }
      cur = cur.resolve(name);
      PrivateFiles.createDirectory(cur);
    }
    if (isState) {
      tighten(real);
    }
  }

  private static void check(Path dir, Owners.Role role) throws IOException {
    Owners.Stat s = Owners.stat(dir);
    if (!s.directory() && !s.link()) {
      throw new java.nio.file.NotDirectoryException(dir.toString());
    }
    String refusal = Owners.refusal(dir, s, role);
    if (refusal != null) {
      throw new UnsafeDirectoryException("refusing the state directory: " + refusal);
    }
  }

  /**
   * A state directory an older version left readable by others ({@code 0755}) is made private; a
   * directory that holds no runs yet is left as its owner made it (it may be their home).
   */
  private static void tighten(Path dir) throws IOException {
    Owners.Stat s = Owners.stat(dir);
    boolean holdsRuns = Files.isDirectory(dir.resolve("runs"), LinkOption.NOFOLLOW_LINKS)
        || Files.isDirectory(dir.resolve("locks"), LinkOption.NOFOLLOW_LINKS);
    if (holdsRuns && !s.writableByOthers() && (s.mode() & 0077) != 0) {
      Files.setPosixFilePermissions(dir, PrivateFiles.DIR_MODE);
    }
  }
}
