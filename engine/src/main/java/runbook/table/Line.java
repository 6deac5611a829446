package runbook.table;

import java.util.ArrayList;
import java.util.List;

/** One line of the input with its 1-based number. */
record Line(int number, String text) {

  /** Every line of the text; a final line break does not start another line, {@code \r\n} counts as one. */
  static List<Line> split(String text) {
    List<Line> lines = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return lines;
    }
    int start = 0;
    int n = 1;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String s = text.substring(start, end);
      if (s.endsWith("\r")) {
        s = s.substring(0, s.length() - 1);
      }
      lines.add(new Line(n++, s));
      start = nl < 0 ? text.length() : nl + 1;
    }
    return lines;
  }

  boolean isBlank() {
    return text.isBlank();
  }
}
