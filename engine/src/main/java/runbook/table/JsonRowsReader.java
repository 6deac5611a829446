package runbook.table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import runbook.json.Json;
import runbook.json.JsonException;

/**
 * {@code format: json}: a JSON document whose {@code json-path} ({@code report[0].lv}: keys joined by
 * dots, list indexes in brackets) leads to a list of objects, one per row. The first row's keys are
 * the headers; every row must have the same keys. Values are kept as parsed: lvm's {@code json}
 * format gives every value as a string, {@code json_std} gives numbers and nulls.
 */
final class JsonRowsReader {
  private JsonRowsReader() {}

  static RawTable read(String text, List<Line> lines, String jsonPath) throws TableException {
    Object doc;
    try {
      doc = Json.parse(text);
    } catch (JsonException e) {
      String lineText = e.line() <= lines.size() ? lines.get(e.line() - 1).text() : "";
      throw new TableException(e.line(), lineText, "not valid json: " + e.problem() + " (column " + e.column() + ")");
    }
    String path = jsonPath == null ? "" : jsonPath.strip();
    Object found = follow(doc, path);
    String where = path.isEmpty() ? "the json document" : "`" + path + "`";
    if (!(found instanceof List<?>)) {
      throw TableException.general("json-path " + where + " leads to " + kind(found) + ", expected a list of rows");
    }
    List<?> list = (List<?>) found;
    List<String> headers = null;
    List<RawTable.Row> rows = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String rowName = "`" + path + "[" + i + "]`";
      if (!(list.get(i) instanceof Map<?, ?>)) {
        throw TableException.general("json row " + rowName + " is " + kind(list.get(i)) + ", expected an object");
      }
      Map<?, ?> row = (Map<?, ?>) list.get(i);
      List<String> keys = new ArrayList<>();
      for (Object k : row.keySet()) {
        keys.add((String) k);
      }
      if (headers == null) {
        headers = keys;
      } else if (!new LinkedHashSet<>(keys).equals(new LinkedHashSet<>(headers))) {
        throw TableException.general("json row " + rowName + " does not have the keys of the first row: "
            + difference(keys, headers));
      }
      List<Object> cells = new ArrayList<>();
      for (String h : headers) {
        cells.add(row.get(h));
      }
      rows.add(new RawTable.Row(null, rowName, cells));
    }
    return new RawTable(headers, null, rows);
  }

  private static Object follow(Object doc, String path) throws TableException {
    Object at = doc;
    StringBuilder walked = new StringBuilder();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '[') {
        int close = path.indexOf(']', i);
        String index = close < 0 ? "" : path.substring(i + 1, close);
        if (!index.matches("\\d+")) {
          throw TableException.general("json-path `" + path + "`: expected a list index such as [0] at character "
              + (i + 1));
        }
        int n = Integer.parseInt(index);
        if (!(at instanceof List<?>)) {
          throw TableException.general("json-path `" + path + "`: " + name(walked) + " is " + kind(at)
              + ", not a list, so it has no [" + n + "]");
        }
        List<?> list = (List<?>) at;
        if (n >= list.size()) {
          throw TableException.general("json-path `" + path + "`: " + name(walked) + " has " + list.size()
              + " element(s), so it has no [" + n + "]");
        }
        at = list.get(n);
        walked.append(path, i, close + 1);
        i = close + 1;
        continue;
      }
      if (c == '.' && walked.length() > 0) {
        i++;
      }
      int end = i;
      while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
        end++;
      }
      String key = path.substring(i, end);
      if (key.isEmpty()) {
        throw TableException.general("json-path `" + path + "`: expected a key at character " + (i + 1));
      }
      if (!(at instanceof Map<?, ?>)) {
        throw TableException.general("json-path `" + path + "`: " + name(walked) + " is " + kind(at)
            + ", not an object, so it has no key `" + key + "`");
      }
      Map<?, ?> map = (Map<?, ?>) at;
      if (!map.containsKey(key)) {
        throw TableException.general("json-path `" + path + "`: " + name(walked) + " has no key `" + key
            + "`; its keys are: " + String.join(", ", keys(map)));
      }
      at = map.get(key);
      walked.append(walked.length() > 0 ? "." : "").append(key);
      i = end;
    }
    return at;
  }

  private static List<String> keys(Map<?, ?> map) {
    List<String> keys = new ArrayList<>();
    for (Object k : map.keySet()) {
      keys.add((String) k);
    }
    return keys;
  }

  private static String name(StringBuilder walked) {
    return walked.length() == 0 ? "the document" : "`" + walked + "`";
  }

  private static String difference(List<String> keys, List<String> first) {
    Set<String> extra = new LinkedHashSet<>(keys);
    extra.removeAll(first);
    Set<String> missing = new LinkedHashSet<>(first);
    missing.removeAll(keys);
    StringBuilder sb = new StringBuilder();
    if (!extra.isEmpty()) {
      sb.append("extra ").append(String.join(", ", extra));
    }
    if (!missing.isEmpty()) {
      sb.append(sb.length() > 0 ? "; " : "").append("missing ").append(String.join(", ", missing));
    }
    return sb.toString();
  }

  static String kind(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof Map<?, ?>) {
      return "an object";
    } else if (value instanceof List<?>) {
      return "a list";
    } else if (value instanceof String) {
      return "a string";
    } else if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }
}
