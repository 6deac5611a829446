package runbook.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys a step may have: the single table that step reading, did-you-mean, lint and the docs
 * share. A step has exactly one key from {@link #ACTIONS}.
 */
public final class StepKeys {
  /** Action keys; {@code steps} makes the step a group. */
  public static final List<String> ACTIONS =
      List.of("run", "assert-output", "parse-table", "require-state", "confirm", "steps");

  /** Keys every step may have, whatever its action. */
  public static final List<String> COMMON = List.of(
      "id", "title", "doc", "when", "changes", "timeout", "retry", "continue-on-error", "on-failure",
      "reason", "if-stopped", "summary");

  /** Keys that go with {@code run}: beside it in a run step, a parse-table or a probe. */
  public static final List<String> RUN_OPTIONS =
      List.of("shell", "stdin", "env", "cwd", "expect-exit", "output-file", "capture");

  /** Keys of {@code retry}. */
  public static final List<String> RETRY = List.of("attempts", "delay", "until");

  /** Every key a step mapping may hold, for did-you-mean. */
  public static final List<String> ALL = concat(ACTIONS, COMMON, RUN_OPTIONS);

  private StepKeys() {}

  @SafeVarargs
  static List<String> concat(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> l : lists) {
      out.addAll(l);
    }
    return List.copyOf(out);
  }
}
