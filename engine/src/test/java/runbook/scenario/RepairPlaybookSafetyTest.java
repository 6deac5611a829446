package runbook.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import runbook.model.ConfirmStep;
import runbook.model.GroupStep;
import runbook.model.Playbook;
import runbook.model.RequireStateStep;
import runbook.model.Step;
import runbook.parse.PlaybookParser;

/** The promises the shipped repair makes to the operator, checked on the playbook itself. */
class RepairPlaybookSafetyTest {
  private static final Path REPAIR = Path.of("../playbooks/thin-pool-metadata-repair.yaml");

  @Test
  void everyChangingStepComesAfterAConfirmOnItsPath() throws Exception {
    List<String> unguarded = new ArrayList<>();
    walk(PlaybookParser.parse(REPAIR).steps(), false, unguarded);
    assertEquals(List.of(), unguarded);
  }

  /**
   * A confirm guards the steps after it in the same list, and everything inside them; not the steps
   * after its own group, since that group may be skipped.
   */
  private static void walk(List<Step> steps, boolean confirmed, List<String> unguarded) {
    boolean guard = confirmed;
    for (Step s : steps) {
      if (s.changes() && !guard) {
        unguarded.add(s.id());
      }
      if (s instanceof GroupStep g) {
        walk(g.steps(), guard, unguarded);
      }
      if (s instanceof RequireStateStep r) {
        walk(r.fix(), guard, unguarded);
      }
      walk(s.info().onFailure(), guard, unguarded);
      if (s instanceof ConfirmStep) {
        guard = true;
      }
    }
  }

  @Test
  void everyStepHasADocForTheOperator() throws Exception {
    Playbook p = PlaybookParser.parse(REPAIR);
    List<String> undocumented = p.allSteps().stream()
        .filter(s -> s.info().doc() == null || s.info().doc().text().isBlank()).map(Step::id).toList();
    assertEquals(List.of(), undocumented);
  }

  @Test
  void itNeverRunsLvconvertRepair() throws Exception {
    String text = Files.readString(REPAIR);
    assertFalse(text.lines().filter(l -> l.strip().startsWith("run:")).anyMatch(l -> l.contains("--repair")));
  }

  @Test
  void theSwapAsksForTheTypedPoolName() throws Exception {
    ConfirmStep swap = (ConfirmStep) PlaybookParser.parse(REPAIR).step("confirm_swap").orElseThrow();
    assertEquals("${vg}/${pool}", swap.typeToConfirm().text());
  }
}
