package runbook.parse;

import java.util.Collection;

/** "Did you mean" by edit distance, for keys, enum values and names. */
public final class Suggest {
  private Suggest() {}

  /** The candidate closest to {@code word} when it is close enough to be a typo, else null. */
  public static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int allowed = Math.max(2, word.length() / 3);
    return bestDistance <= allowed ? best : null;
  }

  /** A hint naming the closest candidate, or listing them all when none is close. */
  public static String hint(String word, Collection<String> candidates) {
    String c = closest(word, candidates);
    if (c != null) {
      return "did you mean `" + c + "`?";
    }
    return "expected one of: " + String.join(", ", candidates);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
