package runbook.parse;

import runbook.model.Step;
import runbook.model.StepInfo;

/** Reads the action part of a step; one implementation per action key. */
interface ActionReader {
  /**
   * @param info the common keys, already read
   * @param step the whole step mapping; the action's value is {@code step.node(actionKey)}
   * @param steps reads nested steps (groups, fix), keeping ids unique across the playbook
   * @return the step, or null when the action is too broken to build (its problems are recorded)
   */
  Step read(StepInfo info, MappingReader step, StepReader steps);
}
