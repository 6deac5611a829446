package runbook.journal;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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
  private final FileOutputStream out;
  private final UnaryOperator<String> mask;
  private final Clock clock;

  private Journal(FileOutputStream out, UnaryOperator<String> mask, Clock clock) {
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
    return new Journal(new FileOutputStream(file.toFile(), true), mask, clock);
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
    fields.forEach((k, v) -> record.put(k, masked(v)));
    byte[] line = (Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      out.write(line);
      out.flush();
      if (sync) {
        out.getFD().sync();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the journal: " + e.getMessage(), e);
    }
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
