package runbook.lint;

import java.util.Set;
import runbook.model.SourceSpan;

/**
 * A read of a step's result in an expression or template.
 *
 * @param id the step id
 * @param field the field read ({@code stdout}, {@code ok}, ...); null when the whole result is used
 * @param span where the read is written
 * @param via the var through which it is read; null when read directly
 * @param facts conditions known to hold where it is read, from the expressions around it
 */
record StepRead(String id, String field, SourceSpan span, String via, Set<String> facts) {
  StepRead {
    facts = Set.copyOf(facts);
  }

  boolean statusOnly() {
    return field != null && PlaybookLint.STATUS_FIELDS.contains(field);
  }

  String describe() {
    String what = "`" + id + (field != null ? "." + field : "") + "`";
    return via == null ? what : what + " (through var `" + via + "`)";
  }
}
