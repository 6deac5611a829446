package runbook.expr;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** "did you mean" hints: the known names within a small edit distance of a misspelt one. */
final class Suggest {
  private Suggest() {}

  static String hint(String wrong, Collection<String> known) {
    List<String> close = known.stream()
        .filter(k -> distance(wrong, k) <= (wrong.length() <= 3 ? 1 : Math.max(2, wrong.length() / 3)))
        .sorted(Comparator.comparingInt((String k) -> distance(wrong, k)).thenComparing(k -> k))
        .limit(3)
        .collect(Collectors.toList());
    if (!close.isEmpty()) {
      return "did you mean " + close.stream().map(k -> "`" + k + "`").collect(Collectors.joining(" or ")) + "?";
    }
    if (known.isEmpty()) {
      return null;
    }
    List<String> all = known.stream().sorted().limit(12).collect(Collectors.toList());
    return "names in scope: " + String.join(", ", all) + (known.size() > all.size() ? ", ..." : "");
  }

  static int distance(String a, String b) {
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
