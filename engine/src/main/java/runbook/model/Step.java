package runbook.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of a playbook: one of the five actions, or a group. Dispatch with {@link #accept} so
 * that the compiler proves every action is handled wherever actions are handled.
 */
public sealed interface Step
    permits RunStep, AssertOutputStep, ParseTableStep, RequireStateStep, ConfirmStep, GroupStep {

  StepInfo info();

  /** The user-facing action key ({@code run}, {@code assert-output}, ...; {@code steps} for a group). */
  String action();

  /** What {@code changes} means when the step does not say: true only for {@code run}. */
  default boolean changesByDefault() {
    return false;
  }

  /** Whether the step changes the system: its own {@code changes}, else the action's default. */
  default boolean changes() {
    Boolean declared = info().changes();
    return declared != null ? declared : changesByDefault();
  }

  default String id() {
    return info().id();
  }

  /**
   * The steps nested in this one, in execution order: a group's steps, a require-state's
   * {@code fix}, then the {@code on-failure} steps. Every walk over the step tree goes through here,
   * so a new nesting key cannot be missed by one of them.
   */
  default List<Step> children() {
    return info().onFailure();
  }

  /** The commands this step runs itself: its {@code run}, its table's inline run, its probe's. */
  default List<Command> commands() {
    return List.of();
  }

  /** The steps this step names in {@code of} (its own, its table's, its probe's), not its children's. */
  default List<Ref> refs() {
    return List.of();
  }

  /**
   * Every expression and template of this step itself (not of its children), in file order: the
   * common keys' ({@code title}, {@code doc}, {@code when}, {@code retry.until}, ...) and the action's.
   * Lint checks each of them before the first step, and {@link Playbook#stepsRead} finds the steps
   * read through them; every action must answer, so a new one cannot leave its strings unchecked.
   */
  List<Evaluated> evaluated();

  <R> R accept(StepVisitor<R> visitor);

  /** {@code first} followed by {@code then}. */
  static <T> List<T> concat(List<? extends T> first, List<? extends T> then) {
    List<T> out = new ArrayList<>(first);
    out.addAll(then);
    return List.copyOf(out);
  }
}
