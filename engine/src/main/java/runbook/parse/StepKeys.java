package runbook.parse;

import java.util.ArrayList;
import java.util.List;
import runbook.model.Actions;

/**
 * The keys a step may have, as the parser uses them, taken from the action descriptors in
 * {@link Actions}. A step has exactly one key from {@link #ACTIONS}.
 */
public final class StepKeys {
  /** Action keys; {@code steps} makes the step a group. */
  public static final List<String> ACTIONS = Actions.keys();

  /** Keys every step may have, whatever its action. */
  public static final List<String> COMMON = Actions.names(Actions.COMMON);

  /** Keys that go with {@code run}: beside it in a run step, a parse-table or a probe. */
  public static final List<String> RUN_OPTIONS = Actions.commandOptions();

  /** Keys of {@code retry}. */
  public static final List<String> RETRY = Actions.RETRY;

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
