package runbook.journal;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import runbook.files.DiskSpace;
import runbook.json.Json;

/**
 * The run's journal: append-only JSON Lines, one record per event, each {@code {"type": ..., "time":
 * ..., ...}}. Every string in a record passes through the mask first, so a secret cannot reach the
 * file whatever a caller puts in a record.
 *
 * <p>Written through a plain {@link FileOutputStream} (not an interruptible channel) so that an
 * interrupt arriving while a record is written cannot close the journal; {@link #sync} forces the
 * bytes to the disk.
 */
public final class Journal implements Closeable {
  private final Path file;
  private final FileOutputStream out;
  /** The file's length after the last whole record: where a failed write is cut back to. */
  private long length;
  private final UnaryOperator<String> mask;
  private final Clock clock;

  private Journal(Path file, FileOutputStream out, UnaryOperator<String> mask, Clock clock) {
    this.file = file;
    this.out = out;
    this.mask = mask;
    this.clock = clock;
  }

  /**
   * Opens a run's journal to append to: a regular file of this user's, created
   * {@code 0600} when missing (a link is refused; the run's directory is private, so nobody can swap the
   * file between the check and the open).
   */
  public static Journal open(Path file, UnaryOperator<String> mask, Clock clock) throws IOException {
    if (!java.nio.file.Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      PrivateFiles.createFile(file);
    }
    PrivateFiles.checkOwnFile(file);
    Journal j = new Journal(file, new FileOutputStream(file.toFile(), true), mask, clock);
    j.length = java.nio.file.Files.size(file);
    return j;
  }

  /**
   * Appends one record of this type; {@code fields} keep their order after {@code type} and
   * {@code time}.
   *
   * @param sync also force the file to the disk before returning (before and after a step that
   *     changes the system, so the journal tells what was going on even after a power cut)
   */
  public synchronized void append(String type, Map<String, ?> fields, boolean sync) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("type", type);
    record.put("time", clock.instant().toString());
    fields.forEach((k, v) -> record.put(k, DISPLAY.contains(k) ? shortened(masked(v)) : masked(v)));
    byte[] line = (Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8);
    long before = length;
    try {
      out.write(line);
      out.flush();
      if (sync) {
        out.getFD().sync();
      }
      length += line.length;
    } catch (IOException e) {
      // a record written in part would sit in the middle of the journal once the next one is
      // appended: cut it off (that needs no space), so the journal ends with a whole record
      // (not through the stream's channel: an interrupted thread would close it, and the stream too)
      if (before >= 0) {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
          f.setLength(before);
          f.getFD().sync();
        } catch (IOException ignored) {
          // the reader still treats a torn last line as torn, not as damage
        }
      }
      throw new JournalWriteException("cannot write the journal " + file + ": " + DiskSpace.explain(file, e), e);
    }
  }

  /**
   * Fields that show what happened to a reader (a command line, a title, a message) and are never
   * read back: a value of megabytes in a param would otherwise be copied into every record of every
   * step that uses it. Masked first, then cut, so a cut never leaves part of a secret.
   */
  private static final java.util.Set<String> DISPLAY = java.util.Set.of("command", "title", "message");

  /** Characters of a display field kept in the journal. */
  public static final int DISPLAY_LIMIT = 4096;

  /** {@code text} cut to {@link #DISPLAY_LIMIT} characters, saying how much was left out. */
  public static String shorten(String text) {
    if (text.length() <= DISPLAY_LIMIT) {
      return text;
    }
    return text.substring(0, DISPLAY_LIMIT) + "... [" + (text.length() - DISPLAY_LIMIT) + " more characters not shown]";
  }

  private static Object shortened(Object value) {
    return value instanceof String s ? shorten(s) : value;
  }

  private Object masked(Object value) {
    if (value instanceof String s) {
      return mask.apply(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), masked(v)));
      return copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(masked(v)));
      return copy;
    }
    return value;
  }

  @Override
  public synchronized void close() throws IOException {
    out.getFD().sync();
    out.close();
  }
}
