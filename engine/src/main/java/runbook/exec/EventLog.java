package runbook.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import runbook.json.Json;

/**
 * {@code events.jsonl} in the run directory: every {@link RunEvent}, one JSON line each, masked
 * field by field ({@link RunEvent#fields(java.util.function.UnaryOperator)}),
 * written as it happens (not synced: the journal is the record that must survive a power cut;
 * this is the display's, read by {@code runbook attach} and by controllers).
 */
public final class EventLog implements RunListener {
  private final java.nio.channels.FileChannel out;
  private final Masker masker;
  private final Clock clock;
  private boolean failed;

  EventLog(Path file, Masker masker, Clock clock) throws IOException {
    this.out = runbook.journal.PrivateFiles.append(file);
    this.masker = masker;
    this.clock = clock;
  }

  @Override
  public synchronized void on(RunEvent event) {
    if (failed) {
      return;
    }
    long started = Phases.now();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event.kind());
    line.put("time", runbook.json.Timestamps.iso(clock.instant()));
    // per field: the text fields masked, ids and paths as they are (a short secret must not break them)
    line.putAll(event.fields(masker));
    try {
      // not synced (see above): the journal is synced where it matters
      runbook.journal.PrivateFiles.writeFully(out, (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      failed = true; // the journal and the step outputs are what matter; the run goes on
    }
    Phases.add("events", started);
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      // nothing more is written
    }
  }
}
