package runbook.lint;

import java.util.Collection;
import runbook.parse.Suggest;

/** Hints shared by the checks. */
final class Hints {
  private Hints() {}

  /** "did you mean `x`?" when a candidate is close, else null: a long list of names helps nobody. */
  static String didYouMean(String word, Collection<String> candidates) {
    String c = Suggest.closest(word, candidates);
    return c == null ? null : "did you mean `" + c + "`?";
  }
}
