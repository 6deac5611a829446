package runbook.expr;

/** Scanning helpers shared by the template parser and the static rules. */
final class Lexing {
  private Lexing() {}

  /** The index just past the string literal that opens at {@code start}; -1 when it is not closed. */
  static int skipString(String text, int start) {
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return -1;
  }

  /**
   * The index of the {@code }} that closes a {@code ${} whose expression starts at {@code start};
   * braces nest and quoted text is skipped. -1 when it is not closed.
   */
  static int closingBrace(String text, int start) {
    int depth = 0;
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = skipString(text, i);
        if (i < 0) {
          return -1;
        }
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
      i++;
    }
    return -1;
  }
}
