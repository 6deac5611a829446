package runbook.scenario;

import runbook.exec.Prompter;

/**
 * The operator of a scenario test: present, so that a confirm is answered rather than left
 * unanswered, and saying no to every confirm the scenario does not approve ({@code on-decline: skip}
 * then skips, as it would for a person).
 */
final class ScenarioPrompter implements Prompter {
  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public String terminal() {
    return "scenario";
  }

  @Override
  public boolean confirm(String prompt, String typeToConfirm) {
    return false;
  }

  @Override
  public StepChoice beforeStep(String id, String title, String doc) {
    return StepChoice.RUN;
  }
}
