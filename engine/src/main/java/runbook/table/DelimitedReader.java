package runbook.table;

import java.util.ArrayList;
import java.util.List;

/** {@code format: delimited}: one row per line, fields split on a literal separator. */
final class DelimitedReader {
  private DelimitedReader() {}

  /**
   * @param declared the names from a {@code columns:} list; when empty, the first line is the header
   */
  static RawTable read(List<Line> lines, String separator, List<String> declared) throws TableException {
    if (separator == null || separator.isEmpty()) {
      throw TableException.general("format `delimited` needs a `separator`, e.g. separator: '|'");
    }
    List<String> headers = null;
    Line header = null;
    int expected = declared.size();
    List<RawTable.Row> rows = new ArrayList<>();
    for (Line line : lines) {
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = split(line.text(), separator);
      if (declared.isEmpty() && header == null) {
        header = line;
        headers = fields;
        expected = fields.size();
        continue;
      }
      if (fields.size() != expected) {
        throw new TableException(line.number(), line.text(), "expected " + expected + " fields separated by `"
            + separator + "`" + (header == null ? " (one per name in `columns:`)" : " (as in the header on line "
            + header.number() + ")") + ", found " + fields.size());
      }
      rows.add(new RawTable.Row(line, null, new ArrayList<Object>(fields)));
    }
    return new RawTable(headers, header, rows);
  }

  /** Splits on every occurrence of the literal separator, keeping empty fields, each one trimmed. */
  private static List<String> split(String text, String separator) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    while (true) {
      int at = text.indexOf(separator, start);
      if (at < 0) {
        fields.add(text.substring(start).strip());
        return fields;
      }
      fields.add(text.substring(start, at).strip());
      start = at + separator.length();
    }
  }
}
