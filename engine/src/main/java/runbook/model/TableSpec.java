package runbook.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a {@code parse-table} (as a step or as a probe). Exactly one of {@code of} and
 * {@code run} is set.
 *
 * @param of read that step's stdout; null when {@code run} is set
 * @param run an inline read-only command; null when {@code of} is set
 * @param format aligned, delimited or json
 * @param separator for delimited; null otherwise
 * @param jsonPath for json, e.g. {@code report[0].lv}; null otherwise
 * @param columnNames {@code columns: [a, b]}: names in order; empty when not given as a list
 * @param columnRenames {@code columns: {LSize: size}}: header to name; empty when not given as a map
 * @param types column name (after renaming) to type; others are strings
 * @param requireColumns {@code require-columns}: names (after renaming) the table must have, checked
 *     against the header when the step runs; empty when not given
 */
public record TableSpec(
    Ref of,
    Command run,
    TableFormat format,
    String separator,
    String jsonPath,
    List<String> columnNames,
    Map<String, String> columnRenames,
    Map<String, ColumnType> types,
    List<String> requireColumns,
    SourceSpan span) {
  public TableSpec {
    if ((of == null) == (run == null)) {
      throw new IllegalArgumentException("a table reads either of: a step or its own run:");
    }
    Objects.requireNonNull(format, "format");
    columnNames = List.copyOf(columnNames);
    columnRenames = Map.copyOf(columnRenames);
    types = Map.copyOf(types);
    requireColumns = List.copyOf(requireColumns);
    Objects.requireNonNull(span, "span");
  }

  /** A table without {@code require-columns}. */
  public TableSpec(Ref of, Command run, TableFormat format, String separator, String jsonPath,
      List<String> columnNames, Map<String, String> columnRenames, Map<String, ColumnType> types, SourceSpan span) {
    this(of, run, format, separator, jsonPath, columnNames, columnRenames, types, List.of(), span);
  }
}
