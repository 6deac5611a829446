package runbook.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import runbook.model.ConfirmStep;
import runbook.model.GroupStep;
import runbook.model.Playbook;
import runbook.model.RequireStateStep;
import runbook.model.RunStep;
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

  /** The verdict ids other tools (the lab's jobs) read from the run's output: a fixed list. */
  private static final Set<String> VERDICTS = Set.of("healthy", "metadata-full-extend", "metadata-full-at-max", "data-full",
      "damaged", "leaked-blocks", "transaction-id-mismatch", "component-active", "earlier-repair-leftovers", "unsupported", "unverified");

  @Test
  void theGuidesVerdictTableHasExactlyTheVerdictsThePlaybookGives() throws Exception {
    String guide = Files.readString(Path.of("../docs/thin-pool-metadata-repair.md"));
    String table = guide.substring(guide.indexOf("## The verdicts"), guide.indexOf("### Sizes"));
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(table);
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertEquals(new TreeSet<>(VERDICTS), documented);
    String playbook = Files.readString(REPAIR);
    for (String v : VERDICTS) {
      assertTrue(playbook.contains("'" + v + "'"), "the playbook never gives the verdict " + v);
    }
  }

  @Test
  void exactlyThreeStepsPrintAVerdictLineAndAtMostTwoRunInOneRun() throws Exception {
    List<String> printing = PlaybookParser.parse(REPAIR).allSteps().stream()
        .filter(st -> st.info().title().text().startsWith("verdict: ")).map(Step::id).toList();
    // preflight_verdict stops the run; component_verdict is followed by the diagnosis's own second line
    assertEquals(List.of("preflight_verdict", "component_verdict", "diagnosis_verdict"), printing);
    assertEquals("verdict: ${verdict}", PlaybookParser.parse(REPAIR).step("diagnosis_verdict").orElseThrow().info().title().text());
  }

  @Test
  void everyActivationOfTheMetadataComponentIsUndoneWhenItsGroupFails() throws Exception {
    List<String> unguarded = new ArrayList<>();
    guardTmeta(PlaybookParser.parse(REPAIR).steps(), false, unguarded);
    assertEquals(List.of(), unguarded);
  }

  private static void guardTmeta(List<Step> steps, boolean guarded, List<String> unguarded) {
    for (Step s : steps) {
      if (s instanceof RunStep r && r.command().line() != null) {
        String line = r.command().line().text();
        if (line.startsWith("lvchange -ay") && line.contains("${pool}_tmeta") && !guarded) {
          unguarded.add(s.id());
        }
      }
      if (s instanceof GroupStep g) {
        boolean undoes = g.info().onFailure().stream().anyMatch(f -> f instanceof RunStep r && r.command().line() != null
            && r.command().line().text().equals("lvchange -an ${vg}/${pool}_tmeta"));
        guardTmeta(g.steps(), guarded || undoes, unguarded);
      }
    }
  }

  private static void assertTrue(boolean condition, String message) {
    org.junit.jupiter.api.Assertions.assertTrue(condition, message);
  }
}
