package runbook.expr;

/** A template that cannot be split into pieces: an unclosed {@code ${}, quote or escape. */
final class TemplateSyntax extends Exception {
  private static final long serialVersionUID = 1L;
  final transient Problem problem;

  TemplateSyntax(String message, int index, String hint) {
    super(message);
    this.problem = new Problem(Problem.SYNTAX, message, index, hint);
  }
}
