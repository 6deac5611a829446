package runbook.expr;

/**
 * A finding about one expression, positioned by its character index in the expression source so
 * that it can be cached and placed later into whichever file the expression came from.
 */
record Problem(String rule, String message, int index, String hint) {
  static final String SYNTAX = "expr-syntax";
  static final String SANDBOX = "expr-sandbox";
  static final String UNDEFINED = "expr-undefined";
  static final String TYPE = "expr-type";
  static final String ERROR = "expr-error";
  static final String SHELL = "shell-template";

  Problem(String rule, String message, int index) {
    this(rule, message, index, null);
  }
}
