package runbook.table;

import java.util.List;

/**
 * What a format reader found before naming and typing: the header texts (null when the columns
 * come only from {@code columns:}) and, per row, its cells in column order.
 *
 * @param header the header line, for errors about the header; null without one
 */
record RawTable(List<String> headers, Line header, List<Row> rows) {

  /**
   * @param line where the row came from; null for json rows
   * @param where how to name the row in an error when there is no line ({@code report[0].lv[3]})
   */
  record Row(Line line, String where, List<Object> cells) {}
}
