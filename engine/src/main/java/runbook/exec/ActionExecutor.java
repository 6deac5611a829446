package runbook.exec;

import runbook.expr.EvalException;
import runbook.model.Step;

/** Executes one kind of step. One implementation per action, chosen by {@link StepDispatch}. */
interface ActionExecutor<S extends Step> {
  /**
   * Executes the step once (a retry calls it again).
   *
   * @param depth nesting level, for the console (a group's children are one deeper)
   * @param attempt 1 for the first execution
   * @throws RunStopped when the run must end here (abort, interruption)
   */
  StepResult execute(S step, int depth, int attempt) throws EvalException;

  /** Dry run: what the step would do, templates expanded, for a step that changes the system. */
  String preview(S step) throws EvalException;
}
