package runbook.lint;

import java.util.ArrayList;
import java.util.List;
import runbook.expr.Lexing;

/**
 * Reads, in expression text, what follows a name: its member chain ({@code lvs.probe.rows},
 * {@code m['match']}) and, for a list of table rows, the columns read from its rows
 * ({@code first(t.rows).avail}, {@code t.rows[0].avail}, {@code all(t.rows, r -> r.avail > 0)},
 * through {@code filter}). Text only, never evaluated; what it cannot follow it leaves alone.
 */
final class ResultPaths {
  /** A member read: {@code .name} or {@code ['name']}, from {@code start} (the name) to {@code end}. */
  record Member(String name, int start, int end) {}

  /** Functions whose result is one element of their list argument. */
  private static final List<String> ELEMENT = List.of("first", "last", "min", "max");

  private ResultPaths() {}

  /** The members read one after another from {@code end} on. */
  static List<Member> members(String src, int end) {
    List<Member> out = new ArrayList<>();
    int j = end;
    while (true) {
      j = skipBlanks(src, j);
      if (src.startsWith("?.", j)) {
        j++;
      }
      if (j < src.length() && src.charAt(j) == '.') {
        int f = skipBlanks(src, j + 1);
        int k = f;
        while (k < src.length() && Character.isJavaIdentifierPart(src.charAt(k))) {
          k++;
        }
        if (k == f) {
          return out;
        }
        out.add(new Member(src.substring(f, k), f, k));
        j = k;
      } else if (j + 1 < src.length() && src.charAt(j) == '[' && (src.charAt(j + 1) == '\'' || src.charAt(j + 1) == '"')) {
        char q = src.charAt(j + 1);
        int close = src.indexOf(q, j + 2);
        if (close < 0 || close + 1 >= src.length() || src.charAt(close + 1) != ']') {
          return out;
        }
        out.add(new Member(src.substring(j + 2, close), j + 2, close + 2));
        j = close + 2;
      } else {
        return out;
      }
    }
  }

  /**
   * The columns read from the rows of the list that the text {@code [start, end)} yields: by index,
   * through {@code first}/{@code last}, in a lambda over it, and the same again through {@code filter}.
   */
  static List<Member> columnReads(String src, int start, int end) {
    List<Member> out = new ArrayList<>();
    listReads(src, start, end, out, 0);
    return out;
  }

  private static void listReads(String src, int start, int end, List<Member> out, int depth) {
    if (depth > 8) {
      return;
    }
    int j = skipBlanks(src, end);
    if (j < src.length() && src.charAt(j) == '[' && !(j + 1 < src.length() && (src.charAt(j + 1) == '\'' || src.charAt(j + 1) == '"'))) {
      int close = matching(src, j, '[', ']');
      if (close > 0) {
        firstMember(src, close + 1, out);
      }
      return;
    }
    // the call this list is the first argument of: `fn(` right before it
    int open = start - 1;
    while (open >= 0 && src.charAt(open) == ' ') {
      open--;
    }
    if (open < 0 || src.charAt(open) != '(') {
      return;
    }
    int nameEnd = open;
    int nameStart = nameEnd;
    while (nameStart > 0 && Character.isJavaIdentifierPart(src.charAt(nameStart - 1))) {
      nameStart--;
    }
    if (nameStart == nameEnd || nameStart > 0 && src.charAt(nameStart - 1) == ':') {
      return;
    }
    String fn = src.substring(nameStart, nameEnd);
    int close = matching(src, open, '(', ')');
    if (close < 0) {
      return;
    }
    int comma = skipBlanks(src, end);
    if (comma < close && src.charAt(comma) == ',') {
      lambdaReads(src, comma + 1, close, out);
    }
    if (ELEMENT.contains(fn)) {
      firstMember(src, close + 1, out);
    } else if (fn.equals("filter")) {
      listReads(src, nameStart, close + 1, out, depth + 1);
    }
  }

  /** {@code p -> body}: the members read from {@code p} in the body. */
  private static void lambdaReads(String src, int from, int to, List<Member> out) {
    int p = skipBlanks(src, from);
    int k = p;
    while (k < to && Character.isJavaIdentifierPart(src.charAt(k))) {
      k++;
    }
    int arrow = skipBlanks(src, k);
    if (k == p || !src.startsWith("->", arrow)) {
      return;
    }
    String param = src.substring(p, k);
    int i = arrow + 2;
    while (i < to) {
      char c = src.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int e = Lexing.skipString(src, i);
        i = e < 0 ? to : e;
      } else if (Character.isJavaIdentifierStart(c)) {
        int s = i;
        while (i < to && Character.isJavaIdentifierPart(src.charAt(i))) {
          i++;
        }
        boolean member = s > 0 && src.charAt(s - 1) == '.';
        if (!member && src.substring(s, i).equals(param)) {
          firstMember(src, i, out);
        }
      } else {
        i++;
      }
    }
  }

  private static void firstMember(String src, int end, List<Member> out) {
    List<Member> m = members(src, end);
    if (!m.isEmpty()) {
      out.add(m.get(0));
    }
  }

  /** The index of the bracket closing the one at {@code open}; -1 when it does not close. */
  static int matching(String src, int open, char opening, char closing) {
    int depth = 0;
    int i = open;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int e = Lexing.skipString(src, i);
        if (e < 0) {
          return -1;
        }
        i = e;
        continue;
      }
      if (c == opening) {
        depth++;
      } else if (c == closing && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static int skipBlanks(String src, int i) {
    while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
      i++;
    }
    return i;
  }
}
