package runbook.parse;

import runbook.model.Actions;
import runbook.model.ConfirmStep;
import runbook.model.OnDecline;
import runbook.model.Step;
import runbook.model.StepInfo;
import runbook.model.Template;

/** {@code confirm}: prompt, type-to-confirm, on-decline. */
final class ConfirmReader implements ActionReader {

  @Override
  public Step read(StepInfo info, MappingReader step, StepReader steps) {
    MappingReader m = MappingReader.described(step.node("confirm"), steps.diagnostics(), "`confirm`", Actions.CONFIRM_KEYS);
    if (m == null) {
      return null;
    }
    Template prompt = m.template("prompt");
    Template typeToConfirm = m.template("type-to-confirm");
    String decline = m.choice("on-decline");
    OnDecline onDecline = OnDecline.SKIP.key().equals(decline) ? OnDecline.SKIP : OnDecline.ABORT;
    return prompt == null ? null : new ConfirmStep(info, prompt, typeToConfirm, onDecline);
  }
}
