package runbook.journal;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import runbook.files.DiskSpace;
import runbook.json.Json;

/**
 * The run's journal: append-only JSON Lines, one {@link JournalRecord} a line, each
 * {@code {"type": ..., "time": ..., ...}}, written by {@link JournalCodec}, which masks every field
 * that can carry a secret (and no structural one: paths, ids, hashes, times).
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

  /** The time to give a record being written: now, by the journal's clock. */
  public String now() {
    return runbook.json.Timestamps.iso(clock.instant());
  }

  /**
   * Appends one record, written by {@link JournalCodec} (which masks the fields that can hold a
   * secret); a record built with a null {@code time} is written with now.
   *
   * @param sync also force the file to the disk before returning (before and after a step that
   *     changes the system, so the journal tells what was going on even after a power cut)
   */
  public synchronized void append(JournalRecord record, boolean sync) {
    long started = runbook.exec.Phases.now();
    java.util.Map<String, Object> object = JournalCodec.encode(record, mask);
    if (object.get("time") == null) {
      object.put("time", now());
    }
    byte[] line = (Json.write(object) + "\n").getBytes(StandardCharsets.UTF_8);
    long before = length;
    try {
      out.write(line);
      out.flush();
      if (sync) {
        out.getFD().sync();
      }
      length += line.length;
      runbook.exec.Phases.add("journal", started);
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

  /** Characters of a display field kept in the journal. */
  public static final int DISPLAY_LIMIT = JournalCodec.DISPLAY_LIMIT;

  /** {@code text} cut to {@link #DISPLAY_LIMIT} characters, saying how much was left out. */
  public static String shorten(String text) {
    return JournalCodec.shorten(text);
  }

  @Override
  public synchronized void close() throws IOException {
    out.getFD().sync();
    out.close();
  }
}
