package runbook.table;

import java.util.Locale;

/** Header texts as identifiers: {@code Data%} is {@code data_pct}, {@code Cpy%Sync} is {@code cpy_pct_sync}. */
public final class ColumnNames {
  private ColumnNames() {}

  /**
   * Lower case, {@code %} becomes {@code _pct}, every other run of characters that are not ASCII
   * letters or digits becomes {@code _}, and leading or trailing {@code _} are dropped. May be empty
   * (a header of only punctuation, such as {@code #}).
   */
  public static String normalise(String header) {
    String s = header.toLowerCase(Locale.ROOT).replace("%", "_pct_").replaceAll("[^a-z0-9]+", "_");
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '_') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '_') {
      end--;
    }
    return s.substring(start, end);
  }
}
