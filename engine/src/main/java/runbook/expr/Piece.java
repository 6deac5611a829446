package runbook.expr;

/**
 * One part of a template: literal text, or a {@code ${...}} expression.
 *
 * @param text the literal text, or the expression's source
 * @param expression true for a {@code ${...}}
 * @param index where the expression's source starts in the template text (after {@code ${})
 */
record Piece(String text, boolean expression, int index) {
  static Piece literal(String text) {
    return new Piece(text, false, -1);
  }
}
