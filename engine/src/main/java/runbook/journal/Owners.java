package runbook.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who owns a path and who else may write it, read without following a link: the checks behind
 * "never trust a directory someone else owns".
 */
final class Owners {
  private static final int TYPE = 0170000;
  private static final int DIR = 0040000;
  private static final int REG = 0100000;
  private static final int LNK = 0120000;
  private static final int STICKY = 01000;
  private static final int GROUP_WRITE = 0020;
  private static final int OTHER_WRITE = 0002;
  private static volatile Integer myUid;

  private Owners() {}

  /** A path's type, permission bits and owner, as {@code lstat} gives them. */
  record Stat(int mode, int uid) {
    boolean directory() {
      return (mode & TYPE) == DIR;
    }

    boolean regular() {
      return (mode & TYPE) == REG;
    }

    boolean link() {
      return (mode & TYPE) == LNK;
    }

    /** Others than the owner may create and rename entries: group- or world-writable without the sticky bit. */
    boolean othersMayReplaceEntries() {
      return (mode & (GROUP_WRITE | OTHER_WRITE)) != 0 && (mode & STICKY) == 0;
    }

    boolean writableByOthers() {
      return (mode & (GROUP_WRITE | OTHER_WRITE)) != 0;
    }

    String octal() {
      return String.format("%04o", mode & 07777);
    }
  }

  static Stat stat(Path p) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
    return new Stat((Integer) a.get("mode"), (Integer) a.get("uid"));
  }

  static int uid(Path p) throws IOException {
    return stat(p).uid();
  }

  /** The effective uid of this process, from {@code /proc/self/status}. */
  static int myUid() {
    Integer u = myUid;
    if (u == null) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
          if (line.startsWith("Uid:")) {
            u = Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
          }
        }
      } catch (IOException | RuntimeException e) {
        u = null;
      }
      if (u == null) {
        throw new IllegalStateException("cannot read this process's uid from /proc/self/status");
      }
      myUid = u;
    }
    return u;
  }

  /** {@code root (uid 0)}: this process's user. */
  static String me() {
    return System.getProperty("user.name", "this user") + " (uid " + myUid() + ")";
  }

  static String describeOwner(Path p) {
    try {
      return "user " + Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName() + " (uid " + uid(p) + ")";
    } catch (IOException e) {
      return "another user";
    }
  }

  static String kind(Stat s) {
    return switch (s.mode() & TYPE) {
      case DIR -> "a directory";
      case REG -> "a regular file";
      case LNK -> "a symbolic link";
      case 0010000 -> "a FIFO (named pipe)";
      case 0020000 -> "a character device";
      case 0060000 -> "a block device";
      case 0140000 -> "a socket";
      default -> "a special file";
    };
  }

  /** What a directory is to the engine, which decides whom it may belong to. */
  enum Role {
    /** Above the state directory: this user's or root's, and nobody else may rename entries in it. */
    ANCESTOR,
    /** The state directory: this user's; writable by others only with the sticky bit. */
    STATE,
    /** A directory the engine made inside the state directory: this user's, writable by nobody else. */
    OWN
  }

  /** Why the engine must not keep files in {@code dir}, or null when it may. */
  static String refusal(Path dir, Stat s, Role role) {
    if (s.link()) {
      return dir + " is a symbolic link; the engine does not follow one to its state. "
          + "Give the directory it points to, if that is the one meant";
    }
    if (!s.directory()) {
      return dir + " is " + kind(s) + ", not a directory";
    }
    int me = myUid();
    if (s.uid() != me && (role != Role.ANCESTOR || s.uid() != 0)) {
      return dir + " is owned by " + describeOwner(dir) + ", not by " + me() + (role == Role.ANCESTOR && me != 0 ? " or root" : "")
          + ": another user could read or replace what the engine keeps there. "
          + "Use a directory of your own (the default, or a new one made with `mkdir -m 700`)";
    }
    boolean unsafe = role == Role.OWN ? s.writableByOthers() : s.othersMayReplaceEntries();
    if (unsafe) {
      return dir + " is writable by " + ((s.mode() & OTHER_WRITE) != 0 ? "every user" : "its group")
          + " (mode " + s.octal() + (role == Role.OWN ? "" : ", without the sticky bit")
          + "): another user could plant or replace what the engine keeps there. "
          + "Check its contents, then `chmod go-w " + dir + "`, or use a directory of your own";
    }
    return null;
  }
}
