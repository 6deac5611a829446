package runbook.fleet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.journal.PrivateFiles;
import runbook.json.Json;
import runbook.json.JsonException;

/**
 * The controller's journal of a rollout, {@code fleets/<fleet id>/journal.jsonl} in its state
 * directory: one JSON object a line, each record fsynced before the action it announces (a host's
 * run id is journaled before the host is asked to start it), so that {@code fleet resume} after a
 * killed controller knows which hosts may be running, and finds them by their run ids. Records are
 * listed in docs/fleet.md.
 */
public final class FleetJournal implements AutoCloseable {
  private final Path dir;
  private final FileChannel channel;
  private FileLock lock;

  private FleetJournal(Path dir, FileChannel channel) {
    this.dir = dir;
    this.channel = channel;
  }

  public static Path fleetsDir(Path stateDir) {
    return stateDir.resolve("fleets");
  }

  /** A new rollout's directory and journal; the controller holds its lock while it runs. */
  public static FleetJournal create(Path stateDir, String fleetId) throws IOException {
    Path fleets = fleetsDir(stateDir);
    if (!Files.isDirectory(fleets)) {
      PrivateFiles.createDirectory(fleets);
    }
    Path dir = fleets.resolve(fleetId);
    PrivateFiles.createDirectory(dir);
    return open(dir);
  }

  /** An existing rollout's journal, to append to (resume). */
  public static FleetJournal open(Path dir) throws IOException {
    FleetJournal j = new FleetJournal(dir, PrivateFiles.append(dir.resolve("journal.jsonl")));
    return j;
  }

  /** Takes the rollout's lock: false when another controller holds it. */
  public boolean lock() throws IOException {
    FileChannel c = PrivateFiles.openLockFile(dir.resolve("lock"));
    lock = c.tryLock();
    if (lock == null) {
      c.close();
      return false;
    }
    return true;
  }

  public Path dir() {
    return dir;
  }

  /** Appends one record and fsyncs it. */
  public synchronized void write(String type, Map<String, Object> fields) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("time", Instant.now().toString());
    m.putAll(fields);
    PrivateFiles.writeFully(channel, (Json.write(m) + "\n").getBytes(StandardCharsets.UTF_8));
    channel.force(false);
  }

  /** Every record of a rollout's journal; a last line torn by a crash is left out. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> read(Path dir) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("journal.jsonl"), StandardCharsets.UTF_8)) {
      try {
        if (Json.parse(line) instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      } catch (JsonException e) {
        // torn by a crash while written: the record's action did not happen yet
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    if (lock != null) {
      lock.release();
      lock.channel().close();
    }
    channel.close();
  }
}
