package runbook.model;

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

  <R> R accept(StepVisitor<R> visitor);
}
