package runbook.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * How the engine creates and opens everything it keeps: directories {@code 0700} and files {@code
 * 0600} whatever the umask, never through a symbolic link, directories created atomically and never
 * reused, files created exclusively. Every file the engine writes under the state directory goes
 * through here, so a local user can neither read a run's outputs nor make the engine write,
 * truncate or follow anything of their choosing.
 *
 * <p>The guarantees rest on one invariant: every directory the engine writes in is owned by its
 * user and writable by nobody else ({@link StateDirectory#prepare} checks the state directory and
 * everything above it). Inside such a directory nobody else can plant a name; opening without
 * following links and creating exclusively are the second line of defence.
 */
public final class PrivateFiles {
  static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final FileAttribute<Set<PosixFilePermission>> DIR_ATTR = PosixFilePermissions.asFileAttribute(DIR_MODE);
  private static final FileAttribute<Set<PosixFilePermission>> FILE_ATTR = PosixFilePermissions.asFileAttribute(FILE_MODE);
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private PrivateFiles() {}

  /**
   * Creates a new directory, mode {@code 0700}; fails with {@link FileAlreadyExistsException} when
   * anything (a directory, a file, a link) already has that name: a directory is never reused.
   */
  public static void createDirectory(Path dir) throws IOException {
    Files.createDirectory(dir, DIR_ATTR);
    // the umask may have taken bits away from the mode asked for; the directory is new and ours
    Files.setPosixFilePermissions(dir, DIR_MODE);
  }

  /**
   * A directory of the engine's own inside a checked one: created ({@code 0700}) when missing, else
   * it must be a real directory owned by this user and writable by nobody else. One readable by
   * others (made by an older version) is made private.
   */
  public static void ownDirectory(Path dir) throws IOException {
    try {
      createDirectory(dir);
      return;
    } catch (FileAlreadyExistsException e) {
      // checked below
    }
    Owners.Stat s = Owners.stat(dir);
    String refusal = Owners.refusal(dir, s, Owners.Role.OWN);
    if (refusal != null) {
      throw new UnsafeDirectoryException(refusal);
    }
    if ((s.mode() & 07777) != 0700) {
      Files.setPosixFilePermissions(dir, DIR_MODE);
    }
  }

  /**
   * Creates a new, empty file, mode {@code 0600}; fails when anything already has that name (a
   * planted link included: exclusive creation never follows one).
   */
  public static void createFile(Path file) throws IOException {
    Files.newByteChannel(file, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW), FILE_ATTR).close();
  }

  /** Creates a new file ({@link #createFile}) holding {@code bytes}, on the disk when this returns. */
  public static void write(Path file, byte[] bytes) throws IOException {
    try (FileChannel c = FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW), FILE_ATTR)) {
      writeFully(c, bytes);
    }
  }

  public static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Replaces {@code file} with {@code bytes} atomically: written to a new file with an unpredictable
   * name next to it, then renamed over it, so a reader sees the old or the new content, never half.
   */
  public static void replace(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", FILE_ATTR);
    try {
      try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE, NOFOLLOW)) {
        writeFully(c, bytes);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static void replace(Path file, String text) throws IOException {
    replace(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Opens a file to append to: created ({@code 0600}) when missing; an existing one must be a regular
   * file (a link is refused, not followed).
   */
  public static FileChannel append(Path file) throws IOException {
    try {
      return FileChannel.open(file,
          Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND, NOFOLLOW), FILE_ATTR);
    } catch (IOException e) {
      // ELOOP comes as a plain IOException
      refuseLink(file);
      throw e;
    }
  }

  /** Opening without following links failed: when a link is in the way, say so instead of "too many levels". */
  private static void refuseLink(Path file) throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new UnsafeDirectoryException(file + " is a symbolic link (to " + Files.readSymbolicLink(file)
          + "); the engine never writes through one. If nobody should have put it there, find out who did, then remove it");
    }
  }

  /**
   * Opens a lock file to read and write: created ({@code 0600}) when missing; an existing one must be
   * a regular file of this user's (a planted link is refused, never followed or truncated).
   */
  public static FileChannel openLockFile(Path file) throws IOException {
    FileChannel c;
    try {
      c = FileChannel.open(file,
          Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE, NOFOLLOW), FILE_ATTR);
    } catch (IOException e) {
      // ELOOP comes as a plain IOException
      refuseLink(file);
      throw e;
    }
    try {
      checkOwnFile(file);
      return c;
    } catch (IOException e) {
      c.close();
      throw e;
    }
  }

  /** An existing file of a run that must be a regular file of ours, never a link: for appending and reading back. */
  public static void checkOwnFile(Path file) throws IOException {
    Owners.Stat s = Owners.stat(file);
    if (!s.regular()) {
      throw new UnsafeDirectoryException(file + " is " + Owners.kind(s) + ", not a regular file; the engine never follows or writes one");
    }
    if (s.uid() != Owners.myUid()) {
      throw new UnsafeDirectoryException(file + " is owned by " + Owners.describeOwner(file) + ", not by " + Owners.me()
          + "; the engine does not write a file another user controls");
    }
  }

  /**
   * Writes every byte. A channel closes itself when its thread is interrupted, and an interrupted
   * run (Ctrl-C) still writes its report: the flag is put aside while writing, then restored.
   */
  public static void writeFully(FileChannel c, byte[] bytes) throws IOException {
    writeFully(c, bytes, true);
  }

  /**
   * @param sync force the bytes to the disk before returning; not for a file written line by line
   *     that need not survive a power cut ({@code events.jsonl}): a sync per line costs a disk
   *     round trip per event, several per step
   */
  public static void writeFully(FileChannel c, byte[] bytes, boolean sync) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        c.write(b);
      }
      if (sync) {
        c.force(false);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** For tests and messages: the mode bits of a path, {@code rwx------}, without following a link. */
  public static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, NOFOLLOW));
  }

  static List<Path> ancestors(Path p) {
    List<Path> out = new java.util.ArrayList<>();
    for (Path a = p.getParent(); a != null; a = a.getParent()) {
      out.add(0, a);
    }
    return out;
  }
}
