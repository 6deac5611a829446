package runbook.lint;

import java.util.List;
import java.util.Set;

/**
 * A read of a step's result from a place in the step order.
 *
 * @param read what is read and where
 * @param at what is known at that place
 * @param siblings every read in the same expression or template (a guard there counts)
 */
record ResultUse(StepRead read, Flow.Point at, List<StepRead> siblings) {
  /** Conditions known to hold where the read happens: the enclosing {@code when}s and the expression's own. */
  Set<String> facts() {
    Set<String> out = PlaybookLint.facts(at.guards());
    out.addAll(read.facts());
    return out;
  }

  /** Whether the same expression, or a condition around it, checks that the step ran. */
  boolean checksRan(PlaybookLint lint) {
    for (StepRead s : siblings) {
      if (s.id().equals(read.id()) && ("ok".equals(s.field()) || "skipped".equals(s.field()))) {
        return true;
      }
    }
    return lint.checksRan(at.guards(), read.id());
  }
}
