package runbook.lint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a condition's text says is true at a point inside it, read from its top-level {@code &&},
 * {@code ||} and {@code ?:} without evaluating anything: in {@code a && b} the reading of {@code b}
 * knows {@code a}; in {@code a || b} it knows {@code !a}; in {@code c ? t : e}, {@code t} knows
 * {@code c} and {@code e} knows {@code !c}. Facts are compared as text with blanks removed, which is
 * enough for the usual guard: repeat the same condition, or test {@code x.ok} first.
 */
final class Conditions {
  private Conditions() {}

  /** The conjuncts of a condition, each as a fact. */
  static Set<String> conjuncts(String src) {
    Set<String> out = new LinkedHashSet<>();
    positive(src, out);
    return out;
  }

  /** The facts that hold wherever the text at {@code offset} is evaluated. */
  static Set<String> factsAt(String src, int offset) {
    Set<String> out = new LinkedHashSet<>();
    factsAt(src, 0, offset, out);
    return out;
  }

  private static void factsAt(String whole, int base, int offset, Set<String> out) {
    String src = stripParens(whole);
    int shift = base + whole.indexOf(src);
    int local = offset - shift;
    if (local < 0 || local > src.length()) {
      return;
    }
    int q = topLevel(src, "?");
    if (q >= 0) {
      int colon = matchingColon(src, q + 1);
      if (colon < 0) {
        return;
      }
      String cond = src.substring(0, q);
      if (local < q) {
        factsAt(cond, shift, offset, out);
      } else if (local < colon) {
        positive(cond, out);
        factsAt(src.substring(q + 1, colon), shift + q + 1, offset, out);
      } else {
        negative(cond, out);
        factsAt(src.substring(colon + 1), shift + colon + 1, offset, out);
      }
      return;
    }
    for (String op : new String[] {"||", "&&"}) {
      List<int[]> parts = split(src, op);
      if (parts.size() < 2) {
        continue;
      }
      for (int[] p : parts) {
        String part = src.substring(p[0], p[1]);
        if (local >= p[0] && local <= p[1]) {
          factsAt(part, shift + p[0], offset, out);
          return;
        }
        if (op.equals("||")) {
          negative(part, out);
        } else {
          positive(part, out);
        }
      }
      return;
    }
  }

  private static void positive(String text, Set<String> out) {
    String src = stripParens(text);
    List<int[]> parts = split(src, "&&");
    if (parts.size() > 1 && topLevel(src, "?") < 0) {
      for (int[] p : parts) {
        positive(src.substring(p[0], p[1]), out);
      }
    } else {
      out.add(normalize(src));
    }
  }

  private static void negative(String text, Set<String> out) {
    String src = stripParens(text);
    List<int[]> parts = split(src, "||");
    if (parts.size() > 1 && topLevel(src, "?") < 0) {
      for (int[] p : parts) {
        negative(src.substring(p[0], p[1]), out);
      }
    } else {
      out.add(negate(src));
    }
  }

  /** The negation of a fact in the form a writer would use: {@code !x}, {@code a != b}. */
  static String negate(String text) {
    String src = stripParens(text.strip());
    if (src.startsWith("!") && !src.startsWith("!=")) {
      String rest = src.substring(1).strip();
      if (isOperand(rest)) {
        return normalize(rest);
      }
    }
    if (split(src, "&&").size() == 1 && split(src, "||").size() == 1 && topLevel(src, "?") < 0) {
      int eq = topLevel(src, "==");
      if (eq >= 0) {
        return normalize(src.substring(0, eq) + "!=" + src.substring(eq + 2));
      }
      int ne = topLevel(src, "!=");
      if (ne >= 0) {
        return normalize(src.substring(0, ne) + "==" + src.substring(ne + 2));
      }
    }
    return normalize(isOperand(src) ? "!" + src : "!(" + src + ")");
  }

  /** Blanks removed outside strings, redundant outer parentheses dropped; {@code !(x)} becomes {@code !x}. */
  static String normalize(String text) {
    String src = stripParens(text.strip());
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\'' || c == '"') {
        int end = skipString(src, i);
        b.append(src, i, Math.min(end, src.length()));
        i = end - 1;
      } else if (!Character.isWhitespace(c)) {
        b.append(c);
      }
    }
    String s = b.toString();
    if (s.startsWith("!(") && s.endsWith(")") && closes(s, 1) == s.length() - 1 && isOperand(s.substring(2, s.length() - 1))) {
      return "!" + s.substring(2, s.length() - 1);
    }
    return s;
  }

  private static boolean isOperand(String s) {
    String t = s.strip();
    if (t.startsWith("(") && closes(t, 0) == t.length() - 1) {
      return true;
    }
    return t.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\s*\\.\\s*[A-Za-z_$][A-Za-z0-9_$]*)*");
  }

  private static String stripParens(String text) {
    String s = text.strip();
    while (s.startsWith("(") && closes(s, 0) == s.length() - 1) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  private static int closes(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipString(s, i) - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Where {@code op} first occurs outside brackets and strings, or -1; {@code ?.} and {@code ?:}-less uses of '?' are skipped. */
  private static int topLevel(String s, String op) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipString(s, i) - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && s.startsWith(op, i)) {
        if (op.equals("?") && (s.startsWith("?.", i) || s.startsWith("??", i) || s.startsWith("?:", i))) {
          i++;
          continue;
        }
        return i;
      }
    }
    return -1;
  }

  private static int matchingColon(String s, int from) {
    int depth = 0;
    int nested = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipString(s, i) - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && c == '?' && !s.startsWith("?.", i)) {
        nested++;
      } else if (depth == 0 && c == ':') {
        if (nested == 0) {
          return i;
        }
        nested--;
      }
    }
    return -1;
  }

  /** [start, end) of the parts between top-level occurrences of {@code op}. */
  private static List<int[]> split(String s, String op) {
    List<int[]> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipString(s, i) - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && s.startsWith(op, i)) {
        parts.add(new int[] {start, i});
        start = i + op.length();
        i += op.length() - 1;
      }
    }
    parts.add(new int[] {start, s.length()});
    return parts;
  }

  private static int skipString(String s, int open) {
    char q = s.charAt(open);
    int i = open + 1;
    while (i < s.length() && s.charAt(i) != q) {
      i += s.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, s.length());
  }
}
