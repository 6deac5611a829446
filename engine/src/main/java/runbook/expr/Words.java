package runbook.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words by POSIX shell quoting rules, before any {@code ${...}} is
 * expanded, so that a value can never add or split arguments. Single quotes, double quotes and
 * backslash behave as in the shell; nothing else is special ({@code |}, {@code ;}, {@code >},
 * {@code $VAR} and globs are literal characters). A {@code ${...}} is one opaque piece of the word
 * it stands in, in every quoting context: templates belong to the playbook, not to the shell.
 */
final class Words {
  private Words() {}

  static List<List<Piece>> split(String text) throws TemplateSyntax {
    List<List<Piece>> words = new ArrayList<>();
    List<Piece> word = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (text.startsWith("$${", i)) {
        literal.append("${");
        inWord = true;
        i += 3;
      } else if (text.startsWith("${", i)) {
        i = placeholder(text, i, word, literal);
        inWord = true;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) {
          flush(word, literal);
          words.add(List.copyOf(word));
          word.clear();
          inWord = false;
        }
        i++;
      } else if (c == '\\') {
        if (i + 1 >= text.length()) {
          throw new TemplateSyntax("a backslash ends the command: it must escape a character", i,
              "write `\\\\` for a literal backslash");
        }
        if (text.charAt(i + 1) != '\n') {
          literal.append(text.charAt(i + 1));
          inWord = true;
        }
        i += 2;
      } else if (c == '\'') {
        int close = i + 1;
        while (close < text.length() && text.charAt(close) != '\'') {
          close = text.startsWith("${", close) ? Templates.placeholderEnd(text, close) : close + 1;
        }
        if (close >= text.length()) {
          throw new TemplateSyntax("unclosed single quote", i, "add the closing `'`");
        }
        appendQuoted(text, i + 1, close, word, literal);
        inWord = true;
        i = close + 1;
      } else if (c == '"') {
        i = doubleQuoted(text, i, word, literal);
        inWord = true;
      } else {
        literal.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      flush(word, literal);
      words.add(List.copyOf(word));
    }
    return words;
  }

  /** Single-quoted text: every character literal except a {@code ${...}}, which still expands. */
  private static void appendQuoted(String text, int from, int to, List<Piece> word, StringBuilder literal)
      throws TemplateSyntax {
    int i = from;
    while (i < to) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        i = placeholder(text, i, word, literal);
      } else {
        literal.append(text.charAt(i));
        i++;
      }
    }
  }

  /** Double-quoted text from the opening quote at {@code open}; returns the index past the closing one. */
  private static int doubleQuoted(String text, int open, List<Piece> word, StringBuilder literal)
      throws TemplateSyntax {
    int i = open + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        i = placeholder(text, i, word, literal);
      } else if (c == '\\' && i + 1 < text.length() && "$`\"\\\n".indexOf(text.charAt(i + 1)) >= 0) {
        if (text.charAt(i + 1) != '\n') {
          literal.append(text.charAt(i + 1));
        }
        i += 2;
      } else {
        literal.append(c);
        i++;
      }
    }
    throw new TemplateSyntax("unclosed double quote", open, "add the closing `\"`");
  }

  private static int placeholder(String text, int start, List<Piece> word, StringBuilder literal)
      throws TemplateSyntax {
    int end = Templates.placeholderEnd(text, start);
    flush(word, literal);
    word.add(new Piece(text.substring(start + 2, end - 1), true, start + 2));
    return end;
  }

  private static void flush(List<Piece> word, StringBuilder literal) {
    if (literal.length() > 0) {
      word.add(Piece.literal(literal.toString()));
      literal.setLength(0);
    }
  }
}
