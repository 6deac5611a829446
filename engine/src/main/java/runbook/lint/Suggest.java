package runbook.lint;

import java.util.Collection;

/** "Did you mean" for a misspelt id or name: the closest candidate by edit distance, if close enough. */
final class Suggest {
  private Suggest() {}

  /** The closest candidate within a third of the word's length (at least 1 edit), or null. */
  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Math.max(1, word.length() / 3) + 1;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** A hint naming the closest candidate, or null. */
  static String hint(String word, Collection<String> candidates) {
    String c = closest(word, candidates);
    return c == null ? null : "did you mean `" + c + "`?";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
