package runbook.lint;

import java.util.List;

/** The parser's rule ids as lint rules: what the parser rejects is reported under these. */
final class ParseRules {
  private ParseRules() {}

  static List<Rule> all() {
    return List.of();
  }
}
