package runbook.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import runbook.expr.Lexing;
import runbook.model.SourceSpan;

/**
 * Reads the shape of expression text without evaluating it: where a name is read and which field of
 * it ({@code lvs.rows}, {@code lvs['count']}). The names themselves come from the expression engine
 * ({@code ExprEngine.names}); this only locates them, so string literals and members are skipped.
 */
final class ExprText {
  /**
   * A read of a top-level name.
   *
   * @param name the name
   * @param field the member read right after it; null when the whole value is used
   * @param offset where the name starts in the scanned text
   * @param exprStart where the expression holding it starts in the scanned text
   * @param expr the expression holding it (a template's {@code ${...}} content)
   */
  record Access(String name, String field, int offset, int exprStart, String expr) {}

  private ExprText() {}

  /** The text inside every {@code ${...}} of a template, as offsets into it: [start, end) pairs. */
  static List<int[]> placeholders(String text) {
    List<int[]> out = new ArrayList<>();
    // jumps from one `$` to the next: most template text is literal
    int i = text.indexOf('$');
    while (i >= 0) {
      if (text.startsWith("$${", i)) {
        i += 3;
      } else if (text.startsWith("${", i)) {
        int start = i + 2;
        int end = closingBrace(text, start);
        out.add(new int[] {start, end});
        i = end + 1;
      } else {
        i++;
      }
      i = i < text.length() ? text.indexOf('$', i) : -1;
    }
    return out;
  }

  /** The text a template would show with every {@code ${...}} removed. */
  static String literalParts(String text) {
    StringBuilder b = new StringBuilder();
    int from = 0;
    for (int[] p : placeholders(text)) {
      b.append(text, from, p[0] - 2).append(' ');
      from = Math.min(text.length(), p[1] + 1);
    }
    return b.append(text.substring(from)).toString().replace("$${", "");
  }

  /** Where the {@code ${} opened before {@code from} closes; an unclosed one runs to the end of the text. */
  private static int closingBrace(String text, int from) {
    int close = Lexing.closingBrace(text, from);
    return close < 0 ? text.length() : close;
  }

  /** Every read of one of {@code names} in expression text that starts at {@code base}. */
  static List<Access> accesses(String src, int base, Set<String> names, List<Access> out) {
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = skipString(src, i);
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i;
        while (i < src.length() && Character.isJavaIdentifierPart(src.charAt(i))) {
          i++;
        }
        String word = src.substring(start, i);
        if (names.contains(word) && !isMember(src, start) && !isNamespace(src, i)) {
          out.add(new Access(word, fieldAfter(src, i), base + start, base, src));
        }
      } else {
        i++;
      }
    }
    return out;
  }

  /** Every read of one of {@code names} in an expression or in every placeholder of a template. */
  static List<Access> accesses(Site site, Set<String> names) {
    List<Access> out = new ArrayList<>();
    if (site.expr() != null) {
      return accesses(site.text(), 0, names, out);
    }
    String text = site.text();
    for (int[] p : placeholders(text)) {
      accesses(text.substring(p[0], p[1]), p[0], names, out);
    }
    return out;
  }

  /**
   * The position of {@code offset} inside a scalar that starts at {@code start}, as the file has it
   * (see {@link SourceSpan#at}).
   */
  static SourceSpan position(SourceSpan start, String text, int offset) {
    return start.at(text, offset);
  }


  private static boolean isMember(String src, int start) {
    int j = start - 1;
    while (j >= 0 && src.charAt(j) == ' ') {
      j--;
    }
    return j >= 0 && src.charAt(j) == '.';
  }

  private static boolean isNamespace(String src, int end) {
    return end + 1 < src.length()
        && src.charAt(end) == ':'
        && Character.isJavaIdentifierStart(src.charAt(end + 1));
  }

  private static String fieldAfter(String src, int end) {
    int j = end;
    while (j < src.length() && src.charAt(j) == ' ') {
      j++;
    }
    if (src.startsWith("?.", j)) {
      j++;
    }
    if (j < src.length() && src.charAt(j) == '.') {
      int k = j + 1;
      while (k < src.length() && src.charAt(k) == ' ') {
        k++;
      }
      int f = k;
      while (k < src.length() && Character.isJavaIdentifierPart(src.charAt(k))) {
        k++;
      }
      return k > f ? src.substring(f, k) : null;
    }
    if (j + 1 < src.length() && src.charAt(j) == '[') {
      char q = src.charAt(j + 1);
      if (q == '\'' || q == '"') {
        int close = src.indexOf(q, j + 2);
        return close > 0 ? src.substring(j + 2, close) : null;
      }
    }
    return null;
  }

  /** Just past the string literal that opens at {@code open}; an unclosed one runs to the end of the text. */
  static int skipString(String s, int open) {
    int end = Lexing.skipString(s, open);
    return end < 0 ? s.length() : end;
  }
}
