package runbook.variant;

import java.util.List;
import java.util.regex.Pattern;

/**
 * YAML text written by hand, with indentation and quoting that always re-reads as the same value:
 * strings double-quoted with escapes, or as a literal block when they span lines and a block keeps
 * them exactly.
 */
final class YamlText {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  /** Words a plain key must not be, since YAML reads them as something else than a string. */
  private static final List<String> RESERVED = List.of("true", "false", "null", "True", "False", "Null",
      "TRUE", "FALSE", "NULL");

  private final StringBuilder out = new StringBuilder();
  private int indent;
  private boolean itemPending;

  @Override
  public String toString() {
    return out.toString();
  }

  void comment(String text) {
    out.append(" ".repeat(indent)).append("# ").append(text.replace('\n', ' ')).append('\n');
  }

  /** {@code key: <already formatted value>}. */
  void raw(String key, String value) {
    line(key(key) + ": " + value);
  }

  void string(String key, String value) {
    if (value == null) {
      return;
    }
    if (!fitsBlock(value)) {
      raw(key, quote(value));
      return;
    }
    int trailing = 0;
    while (trailing < value.length() && value.charAt(value.length() - 1 - trailing) == '\n') {
      trailing++;
    }
    line(key(key) + ": " + (trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+"));
    String body = value.substring(0, value.length() - trailing);
    String pad = " ".repeat(indent + 2);
    for (String l : body.split("\n", -1)) {
      out.append(l.isEmpty() ? "" : pad + l).append('\n');
    }
    out.append("\n".repeat(Math.max(0, trailing - 1)));
  }

  void strings(String key, List<String> values) {
    raw(key, flow(values));
  }

  /** {@code key:} and what follows is nested under it. */
  void open(String key) {
    line(key(key) + ":");
    indent += 2;
  }

  void close() {
    indent -= 2;
  }

  /** Starts a list item: the next line is written after {@code - }; end it with {@link #close()}. */
  void item() {
    itemPending = true;
    indent += 2;
  }

  static String flow(List<String> values) {
    return "[" + String.join(", ", values.stream().map(YamlText::quote).toList()) + "]";
  }

  /** A double-quoted scalar: every character that could be misread is escaped. */
  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }

  private static String key(String key) {
    return PLAIN_KEY.matcher(key).matches() && !RESERVED.contains(key) ? key : quote(key);
  }

  /**
   * A literal block keeps text exactly when it has more than one line, only printable characters,
   * no line that starts the block with a space (that would need an indentation indicator), and no
   * blank line holding spaces or line ending in one (YAML would not keep them).
   */
  private static boolean fitsBlock(String s) {
    if (!s.contains("\n") || s.isBlank() || s.startsWith(" ") || s.startsWith("\n")) {
      return false;
    }
    for (String l : s.split("\n", -1)) {
      if (!l.isEmpty() && (l.endsWith(" ") || l.endsWith("\t"))) {
        return false;
      }
      for (int i = 0; i < l.length(); i++) {
        char c = l.charAt(i);
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
          return false;
        }
      }
    }
    return true;
  }

  private void line(String text) {
    if (itemPending) {
      out.append(" ".repeat(indent - 2)).append("- ");
      itemPending = false;
    } else {
      out.append(" ".repeat(indent));
    }
    out.append(text).append('\n');
  }
}
