package runbook.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import runbook.model.ColumnType;
import runbook.model.TableSpec;

/**
 * {@code parse-table}: turns a command's output into rows, as the spec's format, column names and
 * types say. Input with no lines at all is a table without rows (lvm prints nothing when there is
 * nothing to list).
 */
public final class TableParser {
  private TableParser() {}

  /**
   * @param text the command's output
   * @throws TableException when a line does not fit the table (naming the line and its text), a cell
   *     does not convert to its column's type, or the spec names columns the input does not have
   */
  public static Table parse(String text, TableSpec spec) throws TableException {
    List<Line> lines = Line.split(text);
    RawTable raw = switch (spec.format()) {
      case ALIGNED -> AlignedReader.read(lines);
      case DELIMITED -> DelimitedReader.read(lines, spec.separator(), spec.columnNames());
      case JSON -> JsonRowsReader.read(text, lines, spec.jsonPath());
    };
    if (raw.headers() == null && spec.columnNames().isEmpty()) {
      // no header and no rows: nothing to name or check
      return new Table(List.of(), List.of());
    }
    List<String> names = names(raw, spec);
    checkRequiredColumns(names, spec.requireColumns(), raw);
    checkTypedColumnsExist(names, spec.types(), raw);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RawTable.Row row : raw.rows()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), convert(row, names.get(i), row.cells().get(i), spec.types().get(names.get(i))));
      }
      rows.add(values);
    }
    return new Table(names, rows);
  }

  private static Object convert(RawTable.Row row, String column, Object cell, ColumnType type) throws TableException {
    try {
      return Cells.convert(cell, type);
    } catch (IllegalArgumentException e) {
      String problem = "column `" + column + "`: " + e.getMessage();
      if (row.line() == null) {
        throw TableException.general("json row " + row.where() + ", " + problem);
      }
      throw new TableException(row.line().number(), row.line().text(), problem);
    }
  }

  private static List<String> names(RawTable raw, TableSpec spec) throws TableException {
    List<String> headers = raw.headers();
    List<String> names = new ArrayList<>();
    if (!spec.columnNames().isEmpty()) {
      if (headers != null && headers.size() != spec.columnNames().size()) {
        throw headerError(raw, "`columns:` names " + spec.columnNames().size() + " columns but the input has "
            + headers.size() + ": " + String.join(", ", headers));
      }
      names.addAll(spec.columnNames());
    } else {
      for (String header : headers) {
        String name = ColumnNames.normalise(header);
        if (name.isEmpty()) {
          throw headerError(raw, "the header `" + header + "` has no letters or digits to name a column;"
              + " name the columns with `columns: [...]`");
        }
        names.add(name);
      }
    }
    for (Map.Entry<String, String> rename : spec.columnRenames().entrySet()) {
      int at = indexOf(rename.getKey(), headers, names);
      if (at < 0) {
        throw headerError(raw, "`columns:` renames `" + rename.getKey() + "`, but there is no such column;"
            + " the columns are: " + String.join(", ", headers != null ? headers : names));
      }
      names.set(at, rename.getValue());
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw headerError(raw, "two columns are named `" + name + "`; give them different names with `columns:`");
      }
    }
    return names;
  }

  /** A rename's key is the header as printed ({@code LSize}) or its identifier ({@code lsize}). */
  private static int indexOf(String key, List<String> headers, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      if (key.equals(names.get(i)) || headers != null && key.equals(headers.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code require-columns}: every column later steps rely on is in the header, or the step fails here. */
  private static void checkRequiredColumns(List<String> names, List<String> required, RawTable raw)
      throws TableException {
    List<String> missing = new ArrayList<>();
    for (String r : required) {
      if (!names.contains(r)) {
        missing.add(r);
      }
    }
    if (!missing.isEmpty()) {
      throw headerError(raw, "`require-columns:` needs " + String.join(", ", missing)
          + ", which the table does not have"
          + "; its columns are: " + String.join(", ", names));
    }
  }

  private static void checkTypedColumnsExist(List<String> names, Map<String, ColumnType> types, RawTable raw)
      throws TableException {
    for (String typed : new TreeSet<>(types.keySet())) {
      if (!names.contains(typed)) {
        throw headerError(raw, "`types:` names the column `" + typed + "`, which the table does not have;"
            + " its columns are: " + String.join(", ", names));
      }
    }
  }

  private static TableException headerError(RawTable raw, String problem) {
    if (raw.header() == null) {
      return TableException.general(problem);
    }
    return new TableException(raw.header().number(), raw.header().text(), problem);
  }
}
