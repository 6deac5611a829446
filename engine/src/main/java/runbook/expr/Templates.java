package runbook.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits template text into literal and {@code ${...}} pieces; {@code $${} is a literal {@code ${}. */
final class Templates {
  private Templates() {}

  static List<Piece> parse(String text) throws TemplateSyntax {
    List<Piece> pieces = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      // copies the literal text up to the next `$` in one go: most template text is literal
      int dollar = text.indexOf('$', i);
      if (dollar < 0) {
        literal.append(text, i, text.length());
        break;
      }
      literal.append(text, i, dollar);
      i = dollar;
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = placeholderEnd(text, i);
        if (literal.length() > 0) {
          pieces.add(Piece.literal(literal.toString()));
          literal.setLength(0);
        }
        pieces.add(new Piece(text.substring(i + 2, end - 1), true, i + 2));
        i = end;
      } else {
        literal.append('$');
        i++;
      }
    }
    if (literal.length() > 0) {
      pieces.add(Piece.literal(literal.toString()));
    }
    return pieces;
  }

  /** The index just past the {@code }} closing the {@code ${} at {@code start}. */
  static int placeholderEnd(String text, int start) throws TemplateSyntax {
    int close = Lexing.closingBrace(text, start + 2);
    if (close < 0) {
      throw new TemplateSyntax("unclosed `${`: no matching `}`", start,
          "close the expression with `}`, or write `$${` for a literal `${`");
    }
    if (text.substring(start + 2, close).isBlank()) {
      throw new TemplateSyntax("empty `${}`: write an expression inside", start, null);
    }
    return close + 1;
  }
}
