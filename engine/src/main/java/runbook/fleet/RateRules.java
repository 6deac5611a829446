package runbook.fleet;

import java.util.ArrayList;
import java.util.List;
import runbook.exec.UsageException;

/**
 * The rollout's rate control, with the arithmetic docs/fleet.md states (every percentage is of
 * the hosts the fleet selected, {@code total}):
 * <ul>
 *   <li>{@code --batches 1,5,25%}: the sizes of the successive batches; a percentage rounds up and
 *       is at least 1; the last size repeats until every host is in a batch. Default: one batch.</li>
 *   <li>{@code --max-parallel N|N%}: at most this many hosts run at once (rounded up, at least 1).
 *       Default: a whole batch.</li>
 *   <li>{@code --max-failures N|N%} and {@code --max-unreachable N|N%}: how many hosts may fail (be
 *       unreachable) over the whole fleet, rounded down. The limit is exceeded when the count is
 *       greater than it; from then on no host starts. Default 0: the first one stops the rollout.</li>
 * </ul>
 */
public record RateRules(List<Integer> batchSizes, int maxParallel, int maxFailures, int maxUnreachable) {
  public static RateRules parse(String batches, String maxParallel, String maxFailures, String maxUnreachable, int total)
      throws UsageException {
    List<String> problems = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    if (batches == null || batches.isBlank()) {
      sizes.add(total);
    } else {
      for (String part : batches.split(",")) {
        Integer n = amount("--batches", part.strip(), total, true, problems);
        if (n != null) {
          if (n < 1) {
            problems.add("--batches " + batches + ": a batch of `" + part.strip() + "` holds no host; each size is at least 1 (or 1%)");
          } else {
            sizes.add(n);
          }
        }
      }
    }
    Integer parallel = maxParallel == null ? Integer.valueOf(Integer.MAX_VALUE) : amount("--max-parallel", maxParallel, total, true, problems);
    if (parallel != null && parallel < 1) {
      problems.add("--max-parallel " + maxParallel + ": at least 1 host must be able to run");
    }
    Integer failures = maxFailures == null ? Integer.valueOf(0) : amount("--max-failures", maxFailures, total, false, problems);
    Integer unreachable = maxUnreachable == null ? Integer.valueOf(0) : amount("--max-unreachable", maxUnreachable, total, false, problems);
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    return new RateRules(List.copyOf(sizes), parallel, failures, unreachable);
  }

  /** {@code N} or {@code N%} of {@code total}: a percentage rounds up ({@code up}) or down. */
  private static Integer amount(String option, String text, int total, boolean up, List<String> problems) {
    try {
      if (text.endsWith("%")) {
        int p = Integer.parseInt(text.substring(0, text.length() - 1).strip());
        if (p < 0 || p > 100) {
          throw new NumberFormatException();
        }
        long scaled = (long) p * total;
        int n = (int) (up ? (scaled + 99) / 100 : scaled / 100);
        return up ? Math.max(n, p > 0 ? 1 : 0) : n;
      }
      int n = Integer.parseInt(text);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(option + " `" + text + "`: expected a number of hosts (5) or a percentage of them (25%)");
      return null;
    }
  }

  /** The hosts split into batches: {@code hosts} in order, sizes as given, the last size repeated. */
  public <T> List<List<T>> batches(List<T> hosts) {
    List<List<T>> out = new ArrayList<>();
    int i = 0;
    int b = 0;
    while (i < hosts.size()) {
      int size = batchSizes.get(Math.min(b, batchSizes.size() - 1));
      out.add(List.copyOf(hosts.subList(i, Math.min(hosts.size(), i + size))));
      i += size;
      b++;
    }
    return out;
  }

  /** The text of the rule, for the screen and the journal. */
  public String describe() {
    return "batches " + batchSizes + ", at most " + (maxParallel == Integer.MAX_VALUE ? "a whole batch" : String.valueOf(maxParallel))
        + " at once; stop when more than " + maxFailures + " failed or more than " + maxUnreachable + " unreachable";
  }
}
