package runbook.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import runbook.files.InputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import runbook.json.Json;
import runbook.json.JsonException;

/**
 * Reads a journal back. A run killed while writing a record leaves a torn last line: it is reported
 * in {@link Contents#tornLine}, not an error; a bad line anywhere else means the file was damaged
 * and is an error naming the line.
 */
public final class JournalReader {
  /** Far more than any run writes (a step's output is in {@code steps/}, not in the journal). */
  static final long MAX_BYTES = 512L * 1024 * 1024;

  private JournalReader() {}

  /**
   * @param records every complete record, in order, as the JSON objects of the file
   * @param tornLine the text of an incomplete last line; null when the journal ends cleanly
   */
  public record Contents(List<Map<String, Object>> records, String tornLine) {
    public Contents {
      records = List.copyOf(records);
    }

    /** The records as {@link JournalRecord}s, older forms read as today's ({@link JournalCodec#decode(List)}). */
    public List<JournalRecord> typed() {
      return JournalCodec.decode(records);
    }
  }

  public static Contents read(Path file) throws IOException, JournalException {
    String text;
    try {
      text = InputFiles.readString(file, MAX_BYTES);
    } catch (InputFiles.NotReadable e) {
      throw new JournalException(e.getMessage());
    }
    String[] lines = text.split("\n", -1);
    List<Map<String, Object>> records = new ArrayList<>();
    String torn = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean last = i == lines.length - 1;
      if (line.isEmpty()) {
        continue;
      }
      // a complete record always ends with a newline, so a last line without one is torn
      if (last) {
        torn = line;
        break;
      }
      records.add(parse(file, i + 1, line));
    }
    return new Contents(records, torn);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(Path file, int lineNo, String line) throws JournalException {
    try {
      Object value = Json.parse(line);
      if (value instanceof Map<?, ?> m && m.get("type") instanceof String) {
        return (Map<String, Object>) m;
      }
      throw new JournalException(file + ":" + lineNo + ": not a journal record (expected an object with a \"type\"): " + line);
    } catch (JsonException e) {
      throw new JournalException(file + ":" + lineNo + ": damaged journal record: " + e.getMessage());
    }
  }
}
