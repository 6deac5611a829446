package runbook.parse;

import runbook.model.GroupStep;
import runbook.model.Step;
import runbook.model.StepInfo;

/** A group: {@code steps:} in place of an action. */
final class GroupReader implements ActionReader {
  @Override
  public Step read(StepInfo info, MappingReader step, StepReader steps) {
    return new GroupStep(info, steps.readList(step.node("steps"), "`steps`"));
  }
}
