package runbook.lint;

import java.util.ArrayList;
import java.util.List;
import runbook.diag.Severity;
import runbook.parse.ParseRule;
import runbook.variant.VariantRule;

/** The parser's and the variant resolver's rule ids as lint rules: what they reject is reported under these. */
final class ParseRules {
  private ParseRules() {}

  static List<Rule> all() {
    List<Rule> out = new ArrayList<>();
    for (ParseRule r : ParseRule.values()) {
      out.add(new Rule(r.id(), Severity.ERROR, r.summary()));
    }
    for (VariantRule r : VariantRule.values()) {
      out.add(new Rule(r.id(), Severity.ERROR, r.summary()));
    }
    return out;
  }
}
