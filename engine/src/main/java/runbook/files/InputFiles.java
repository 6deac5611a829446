package runbook.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/**
 * How the engine reads a file it is given or keeps (a playbook, a variant's base, a scenario, a
 * params file, a journal, a lock): only a regular file, and never more than a bound. A FIFO would
 * block the open until someone writes to it, and a device such as {@code /dev/zero} never ends, so
 * the type is checked before the file is opened, and reading stops one byte past the bound however
 * large the file says it is ({@code /proc} files say 0).
 */
public final class InputFiles {
  private InputFiles() {}

  /** The file is not one the engine reads: its message says what it is and why. */
  public static final class NotReadable extends IOException {
    private static final long serialVersionUID = 1L;

    NotReadable(String message) {
      super(message);
    }
  }

  /**
   * Why {@code path} cannot be read as a file, or null when it is a regular file (links followed).
   * {@code "is a FIFO (named pipe), not a regular file"}; {@code "no such file"}.
   */
  public static String problem(Path path) {
    try {
      Map<String, Object> a = Files.readAttributes(path, "unix:mode");
      int type = (Integer) a.get("mode") & 0170000;
      return type == 0100000 ? null : "is " + kind(type) + ", not a regular file";
    } catch (NoSuchFileException e) {
      return "no such file";
    } catch (IOException | RuntimeException e) {
      return "cannot be read: " + e.getMessage();
    }
  }

  /**
   * Every byte of a regular file of at most {@code limit} bytes.
   *
   * @throws NoSuchFileException it does not exist
   * @throws NotReadable it is not a regular file, or holds more than {@code limit} bytes
   */
  public static byte[] read(Path path, long limit) throws IOException {
    String problem = problem(path);
    if ("no such file".equals(problem)) {
      throw new NoSuchFileException(path.toString());
    }
    if (problem != null) {
      throw new NotReadable(path + " " + problem + "; runbook reads only regular files");
    }
    try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
      int cap = (int) Math.min(limit + 1, Math.max(8192, Math.min(c.size() + 1, limit + 1)));
      ByteBuffer b = ByteBuffer.allocate(cap);
      while (true) {
        if (!b.hasRemaining()) {
          if (b.capacity() > limit) {
            throw new NotReadable(path + " holds more than " + human(limit) + ", the most runbook reads from such a file");
          }
          ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(limit + 1, (long) b.capacity() * 2));
          b.flip();
          bigger.put(b);
          b = bigger;
        }
        if (c.read(b) < 0) {
          break;
        }
      }
      return Arrays.copyOf(b.array(), b.position());
    }
  }

  public static String readString(Path path, long limit) throws IOException {
    return new String(read(path, limit), StandardCharsets.UTF_8);
  }

  /** The first bytes of a regular file, to tell what it holds; empty for anything else or on an error. */
  public static String head(Path path, int bytes) {
    if (problem(path) != null) {
      return "";
    }
    try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(bytes);
      while (b.hasRemaining() && c.read(b) >= 0) {
        // until full or at the end
      }
      return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static String kind(int type) {
    return switch (type) {
      case 0040000 -> "a directory";
      case 0010000 -> "a FIFO (named pipe)";
      case 0020000 -> "a character device";
      case 0060000 -> "a block device";
      case 0140000 -> "a socket";
      default -> "a special file";
    };
  }

  static String human(long bytes) {
    return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : bytes >= 1 << 10 ? (bytes >> 10) + " KiB" : bytes + " bytes";
  }
}
