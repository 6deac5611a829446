package runbook.diag;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** "Did you mean" hints by edit distance, for keys, enum values, ids and names in expressions. */
public final class Suggestions {
  private Suggestions() {}

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

  /** "did you mean `x`?" when a candidate is close, else null: a long list of names helps nobody. */
  public static String didYouMean(String word, Collection<String> candidates) {
    String c = closest(word, candidates);
    return c == null ? null : "did you mean `" + c + "`?";
  }

  /** A hint naming the closest candidate, or listing them all when none is close. */
  public static String hint(String word, Collection<String> candidates) {
    String c = didYouMean(word, candidates);
    return c != null ? c : "expected one of: " + String.join(", ", candidates);
  }

  /**
   * "did you mean `a` or `b`?" naming up to three close names, nearest first, else null. Names in
   * expressions are often short, so one of three letters or fewer allows a single edit only.
   */
  public static String didYouMeanNames(String wrong, Collection<String> known) {
    int allowed = wrong.length() <= 3 ? 1 : Math.max(2, wrong.length() / 3);
    List<String> close = known.stream()
        .filter(k -> distance(wrong, k) <= allowed)
        .sorted(Comparator.comparingInt((String k) -> distance(wrong, k)).thenComparing(k -> k))
        .limit(3)
        .collect(Collectors.toList());
    if (close.isEmpty()) {
      return null;
    }
    return "did you mean " + close.stream().map(k -> "`" + k + "`").collect(Collectors.joining(" or ")) + "?";
  }

  /** {@link #didYouMeanNames}, else the first names in scope; null when nothing is in scope. */
  public static String namesHint(String wrong, Collection<String> known) {
    String close = didYouMeanNames(wrong, known);
    if (close != null) {
      return close;
    }
    if (known.isEmpty()) {
      return null;
    }
    List<String> all = known.stream().sorted().limit(12).collect(Collectors.toList());
    return "names in scope: " + String.join(", ", all) + (known.size() > all.size() ? ", ..." : "");
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
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
