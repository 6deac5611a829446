package runbook.parse;

import java.util.List;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import runbook.model.TextPositions;

/**
 * Works out where each character of a scalar's value stands in the file, for every scalar style:
 * plain and quoted scalars over several lines (folded into spaces, blank lines into line breaks,
 * {@code ''} and double-quoted escapes into one character, an escaped line break into nothing),
 * literal and folded block scalars (indentation, an indentation indicator, chomping).
 *
 * <p>The value is rebuilt from the lines as written, and the positions are used only when the
 * rebuilt value is the one the YAML parser produced: a layout this code does not follow leaves the
 * value without positions (its first line's column then stands for its later lines) rather than
 * with wrong ones.
 */
final class ScalarPositions {
  private final List<String> lines;
  private final StringBuilder value = new StringBuilder();
  private int[] lineOf = new int[16];
  private int[] columnOf = new int[16];

  private ScalarPositions(List<String> lines) {
    this.lines = lines;
  }

  /**
   * The positions of {@code expected}, a scalar of {@code style} whose node starts at 0-based
   * {@code line}/{@code column} and ends at {@code endLine}/{@code endColumn}; null when the lines
   * do not rebuild to it.
   */
  static TextPositions of(String file, List<String> lines, ScalarStyle style, String expected,
      int line, int column, int endLine, int endColumn) {
    try {
      if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
        return block(file, lines, style == ScalarStyle.FOLDED, expected, line, column, endLine);
      }
      ScalarPositions p = new ScalarPositions(lines);
      boolean quoted = style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED;
      p.flow(style, quoted ? column + 1 : column, endLine, quoted ? endColumn - 1 : endColumn, line);
      return p.result(file, expected);
    } catch (RuntimeException e) {
      // an index past a line's end: a layout not followed here, so no positions
      return null;
    }
  }

  private TextPositions result(String file, String expected) {
    if (!value.toString().equals(expected)) {
      return null;
    }
    int n = value.length();
    int[] ls = new int[n + 1];
    int[] cs = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      ls[i] = lineOf[i] + 1;
      cs[i] = columnOf[i] + 1;
    }
    return new TextPositions(file, expected, ls, cs);
  }

  private void put(char c, int line, int column) {
    mark(value.length(), line, column);
    value.append(c);
  }

  private void mark(int index, int line, int column) {
    if (index >= lineOf.length) {
      lineOf = java.util.Arrays.copyOf(lineOf, index * 2 + 2);
      columnOf = java.util.Arrays.copyOf(columnOf, index * 2 + 2);
    }
    lineOf[index] = line;
    columnOf[index] = column;
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * A plain or quoted scalar: its text runs from {@code startColumn} of {@code startLine} to just
   * before {@code endColumn} of {@code endLine} (the closing quote for a quoted one).
   */
  private void flow(ScalarStyle style, int startColumn, int endLine, int endColumn, int startLine) {
    boolean dq = style == ScalarStyle.DOUBLE_QUOTED;
    boolean sq = style == ScalarStyle.SINGLE_QUOTED;
    boolean joinNext = false;
    for (int l = startLine; l <= endLine; l++) {
      String s = lines.get(l);
      int from = l == startLine ? startColumn : 0;
      int to = l == endLine ? endColumn : s.length();
      if (l > startLine) {
        while (from < to && blank(s.charAt(from))) {
          from++;
        }
      }
      if (l < endLine) {
        // trailing white space before a line break is not part of the value
        int t = to;
        while (t > from && blank(s.charAt(t - 1))) {
          t--;
        }
        if (dq && endsWithEscape(s, from, t)) {
          t = to;
        }
        to = t;
      }
      if (l > startLine && !joinNext) {
        // the line break before this line: one break is a space, each blank line a line break
        if (from >= to && l < endLine) {
          continue;
        }
        int blanks = 0;
        for (int b = l - 1; b > startLine && blankBetween(b, startLine); b--) {
          blanks++;
        }
        int prev = l - 1 - blanks;
        if (blanks == 0) {
          put(' ', prev, lines.get(prev).length());
        } else {
          for (int b = 1; b <= blanks; b++) {
            put('\n', prev + b, 0);
          }
        }
      }
      joinNext = false;
      int i = from;
      while (i < to) {
        char c = s.charAt(i);
        if (sq && c == '\'' && i + 1 < to && s.charAt(i + 1) == '\'') {
          put('\'', l, i);
          i += 2;
        } else if (dq && c == '\\') {
          if (i + 1 >= to) {
            // an escaped line break: the lines join with nothing between them
            joinNext = true;
            i++;
          } else {
            i = escape(s, i, l);
          }
        } else {
          put(c, l, i);
          i++;
        }
      }
      if (l == endLine) {
        mark(value.length(), l, Math.min(to, s.length()));
      }
    }
  }

  /** True when line {@code b} holds nothing but white space (a blank line inside a flow scalar). */
  private boolean blankBetween(int b, int startLine) {
    return b > startLine && lines.get(b).isBlank();
  }

  private static boolean endsWithEscape(String s, int from, int to) {
    int n = 0;
    for (int i = to - 1; i >= from && s.charAt(i) == '\\'; i--) {
      n++;
    }
    return n % 2 == 1;
  }

  /** One double-quoted escape at {@code i} (the backslash); returns the index after it. */
  private int escape(String s, int i, int l) {
    char e = s.charAt(i + 1);
    int hex = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (hex > 0) {
      int cp = Integer.parseInt(s.substring(i + 2, i + 2 + hex), 16);
      for (char c : Character.toChars(cp)) {
        put(c, l, i);
      }
      return i + 2 + hex;
    }
    char c = switch (e) {
      case '0' -> '\0';
      case 'a' -> '\u0007';
      case 'b' -> '\b';
      case 't', '\t' -> '\t';
      case 'n' -> '\n';
      case 'v' -> '\u000B';
      case 'f' -> '\f';
      case 'r' -> '\r';
      case 'e' -> '\u001B';
      case 'N' -> '\u0085';
      case '_' -> '\u00A0';
      case 'L' -> '\u2028';
      case 'P' -> '\u2029';
      default -> e; // space, quote, slash, backslash
    };
    put(c, l, i);
    return i + 2;
  }

  /**
   * A literal or folded block scalar whose indicator ({@code |} or {@code >}) stands at
   * {@code line}/{@code column}. The content's indentation comes from its first non-blank line or
   * from an indentation indicator relative to the parent, which this code does not know: each
   * indentation up to the detected one is tried, and the one that rebuilds the value wins.
   */
  private static TextPositions block(String file, List<String> lines, boolean folded, String expected,
      int line, int column, int endLine) {
    String header = lines.get(line).substring(column + 1);
    char chomp = 'c';
    for (int i = 0; i < header.length() && !blank(header.charAt(i)) && header.charAt(i) != '#'; i++) {
      char h = header.charAt(i);
      if (h == '-') {
        chomp = 's';
      } else if (h == '+') {
        chomp = 'k';
      }
    }
    int detected = 0;
    for (int l = line + 1; l < lines.size(); l++) {
      String s = lines.get(l);
      int n = indent(s);
      if (n < s.length()) {
        detected = n;
        break;
      }
      detected = Math.max(detected, n);
    }
    for (int indent = Math.max(detected, 1); indent >= 1; indent--) {
      ScalarPositions p = new ScalarPositions(lines);
      p.blockLines(folded, chomp, indent, line + 1, Math.min(Math.max(endLine, line + 1), lines.size()));
      TextPositions t = p.result(file, expected);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static int indent(String s) {
    int n = 0;
    while (n < s.length() && s.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private void blockLines(boolean folded, char chomp, int indent, int first, int limit) {
    int last = first - 1;
    for (int l = first; l < lines.size(); l++) {
      String s = lines.get(l);
      if (indent(s) < indent && !s.isBlank()) {
        break;
      }
      last = l;
    }
    int lastText = first - 1;
    for (int l = first; l <= last; l++) {
      if (!content(l, indent).isEmpty()) {
        lastText = l;
      }
    }
    boolean seenText = false;
    boolean prevMore = false;
    int pendingBreakLine = -1;
    int blanks = 0;
    for (int l = first; l <= lastText; l++) {
      String text = content(l, indent);
      if (text.isEmpty()) {
        blanks++;
        continue;
      }
      boolean more = blank(text.charAt(0));
      if (!seenText) {
        for (int b = 0; b < blanks; b++) {
          put('\n', l - blanks + b, lines.get(l - blanks + b).length());
        }
      } else if (!folded || more || prevMore) {
        put('\n', pendingBreakLine, lines.get(pendingBreakLine).length());
        for (int b = 0; b < blanks; b++) {
          put('\n', l - blanks + b, lines.get(l - blanks + b).length());
        }
      } else if (blanks == 0) {
        put(' ', pendingBreakLine, lines.get(pendingBreakLine).length());
      } else {
        for (int b = 0; b < blanks; b++) {
          put('\n', l - blanks + b, lines.get(l - blanks + b).length());
        }
      }
      blanks = 0;
      for (int i = 0; i < text.length(); i++) {
        put(text.charAt(i), l, indent + i);
      }
      seenText = true;
      prevMore = more;
      pendingBreakLine = l;
    }
    // chomping: what becomes of the final line break and the blank lines after the text
    if (chomp != 's' && seenText) {
      put('\n', pendingBreakLine, lines.get(pendingBreakLine).length());
    }
    if (chomp == 'k') {
      int from = seenText ? lastText + 1 : first;
      for (int l = from; l <= last && l < limit + 1; l++) {
        put('\n', l, lines.get(l).length());
      }
    }
    int endLine = seenText ? pendingBreakLine : Math.max(first - 1, 0);
    mark(value.length(), endLine, lines.get(endLine).length());
  }

  /** A block scalar's line without its indentation; blank lines are empty. */
  private String content(int l, int indent) {
    String s = lines.get(l);
    return s.length() <= indent ? "" : s.isBlank() && indent(s) == s.length() ? "" : s.substring(indent);
  }
}
