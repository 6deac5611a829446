package runbook.lint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

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

  /** The facts at every point of a condition, worked out once for all the names read in it. */
  static Facts of(String src) {
    List<Facts.Segment> out = new ArrayList<>();
    if (src.indexOf('&') >= 0 || src.indexOf('|') >= 0 || src.indexOf('?') >= 0) {
      segments(src, 0, Set.of(), out);
    }
    return new Facts(List.copyOf(out));
  }

  /** What is known in each stretch of a condition's text, in text order. */
  static final class Facts {
    /** [start, end] of a stretch with no operator of its own, and what is known there. */
    record Segment(int start, int end, Set<String> facts) {}

    private final List<Segment> segments;

    private Facts(List<Segment> segments) {
      this.segments = segments;
    }

    /** The facts known at {@code offset}: those of the first stretch that holds it. */
    Set<String> at(int offset) {
      for (Segment s : segments) {
        if (offset >= s.start() && offset <= s.end()) {
          return s.facts();
        }
      }
      return Set.of();
    }
  }

  /**
   * Splits {@code whole} (at {@code base} in the condition) at its top-level {@code ?:}, {@code ||}
   * or {@code &&}, each part knowing {@code known} and what the parts before it say.
   */
  private static void segments(String whole, int base, Set<String> known, List<Facts.Segment> out) {
    String src = stripParens(whole);
    int shift = base + whole.indexOf(src);
    int q = topLevel(src, "?");
    if (q >= 0) {
      int colon = matchingColon(src, q + 1);
      if (colon < 0) {
        out.add(new Facts.Segment(shift, shift + src.length(), known));
        return;
      }
      String cond = src.substring(0, q);
      segments(cond, shift, known, out);
      Set<String> then = new LinkedHashSet<>(known);
      positive(cond, then);
      segments(src.substring(q + 1, colon), shift + q + 1, then, out);
      Set<String> otherwise = new LinkedHashSet<>(known);
      negative(cond, otherwise);
      segments(src.substring(colon + 1), shift + colon + 1, otherwise, out);
      return;
    }
    for (String op : new String[] {"||", "&&"}) {
      List<int[]> parts = split(src, op);
      if (parts.size() < 2) {
        continue;
      }
      Set<String> before = new LinkedHashSet<>(known);
      for (int[] p : parts) {
        String part = src.substring(p[0], p[1]);
        segments(part, shift + p[0], new LinkedHashSet<>(before), out);
        if (op.equals("||")) {
          negative(part, before);
        } else {
          positive(part, before);
        }
      }
      return;
    }
    out.add(new Facts.Segment(shift, shift + src.length(), known));
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
        int end = ExprText.skipString(src, i);
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

  /** Where the bracket that opens at {@code open} closes, or -1. */
  private static int closes(String s, int open) {
    return scan(s, open + 1, i -> ")]}".indexOf(s.charAt(i)) >= 0);
  }

  /** Where {@code op} first occurs outside brackets and strings, or -1; {@code ?.} and {@code ?:}-less uses of '?' are skipped. */
  private static int topLevel(String s, String op) {
    if (!s.contains(op)) {
      return -1;
    }
    int i = scan(s, 0, j -> s.startsWith(op, j));
    while (i >= 0 && op.equals("?") && (s.startsWith("?.", i) || s.startsWith("??", i) || s.startsWith("?:", i))) {
      i = scan(s, i + 2, j -> s.startsWith(op, j));
    }
    return i;
  }

  /** The {@code :} of the {@code ?} just before {@code from}, past any nested {@code ?:}; -1 when missing. */
  private static int matchingColon(String s, int from) {
    int nested = 0;
    IntPredicate ternary = j -> s.charAt(j) == ':' || s.charAt(j) == '?' && !s.startsWith("?.", j);
    for (int i = scan(s, from, ternary); i >= 0; i = scan(s, i + 1, ternary)) {
      if (s.charAt(i) == '?') {
        nested++;
      } else if (nested == 0) {
        return i;
      } else {
        nested--;
      }
    }
    return -1;
  }

  /** [start, end) of the parts between top-level occurrences of {@code op}. */
  private static List<int[]> split(String s, String op) {
    List<int[]> parts = new ArrayList<>();
    int start = 0;
    if (!s.contains(op)) {
      parts.add(new int[] {start, s.length()});
      return parts;
    }
    for (int i = scan(s, 0, j -> s.startsWith(op, j)); i >= 0; i = scan(s, start, j -> s.startsWith(op, j))) {
      parts.add(new int[] {start, i});
      start = i + op.length();
    }
    parts.add(new int[] {start, s.length()});
    return parts;
  }

  /**
   * The first index from {@code from} where {@code found} holds outside string literals and outside
   * brackets opened after {@code from}, or -1.
   */
  private static int scan(String s, int from, IntPredicate found) {
    int depth = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        i = ExprText.skipString(s, i) - 1;
      } else if (depth == 0 && found.test(i)) {
        return i;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
    }
    return -1;
  }
}
