package runbook.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Scanning helpers shared by the template parser, the static rules and the compiler. String and
 * brace scanning is public for lint, which locates reads in expression text: this class touches no
 * JEXL, so a lint that needs no expression engine does not start one.
 */
public final class Lexing {
  private Lexing() {}

  /** What the static rules look at in an expression. */
  enum Kind { WORD, BACKTICK, RANGE, SEMICOLON, STRING, COMMENT, REGEX }

  /** An identifier, a backtick string, {@code ..} or {@code ;} of an expression. */
  record Token(Kind kind, String text, int start) {
    int end() {
      return start + text.length();
    }

    boolean isWord() {
      return kind == Kind.WORD;
    }
  }

  /** The tokens of an expression that the static rules need, in order; quoted strings are skipped. */
  static List<Token> tokens(String source) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = skipString(source, i);
        end = end < 0 ? source.length() : end;
        if (c == '`') {
          tokens.add(new Token(Kind.BACKTICK, source.substring(i, end), i));
        } else {
          tokens.add(new Token(Kind.STRING, source.substring(i, end), i));
        }
        i = end;
      } else if (source.startsWith("//", i) || source.startsWith("/*", i) || source.startsWith("##", i)) {
        // JEXL reads these as comments: text the checks here would otherwise take for code
        tokens.add(new Token(Kind.COMMENT, source.substring(i, i + 2), i));
        i += 2;
      } else if (source.startsWith("~/", i)) {
        tokens.add(new Token(Kind.REGEX, "~/", i));
        i += 2;
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i;
        while (i < source.length() && Character.isJavaIdentifierPart(source.charAt(i))) {
          i++;
        }
        tokens.add(new Token(Kind.WORD, source.substring(start, i), start));
      } else if (source.startsWith("..", i)) {
        tokens.add(new Token(Kind.RANGE, "..", i));
        i += 2;
      } else {
        if (c == ';') {
          tokens.add(new Token(Kind.SEMICOLON, ";", i));
        }
        i++;
      }
    }
    return tokens;
  }

  /** True when token {@code i} is the namespace of a {@code ns:fn} call (the colon touches both). */
  static boolean isNamespace(String source, List<Token> tokens, int i) {
    Token t = tokens.get(i);
    return t.isWord() && i + 1 < tokens.size() && t.end() < source.length() && source.charAt(t.end()) == ':'
        && tokens.get(i + 1).start() == t.end() + 1 && tokens.get(i + 1).isWord();
  }

  /** The index just past the string literal that opens at {@code start}; -1 when it is not closed. */
  public static int skipString(String text, int start) {
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
  public static int closingBrace(String text, int start) {
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
