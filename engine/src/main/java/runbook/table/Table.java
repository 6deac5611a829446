package runbook.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a parsed table. Each row maps every column name, in column order, to its value (null for
 * an empty typed cell or a missing json value).
 */
public record Table(List<String> columns, List<Map<String, Object>> rows) {
  public Table {
    columns = List.copyOf(columns);
    List<Map<String, Object>> copy = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      // values may be null, which Map.copyOf refuses
      copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }
}
