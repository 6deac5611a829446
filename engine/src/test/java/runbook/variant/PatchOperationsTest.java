package runbook.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import runbook.diag.DiagnosticFormatter;
import runbook.diag.InvalidInputException;
import runbook.model.ConfirmStep;
import runbook.model.GroupStep;
import runbook.model.Param;
import runbook.model.Playbook;
import runbook.model.Ref;
import runbook.model.RequireStateStep;
import runbook.model.RunStep;
import runbook.model.Step;

/** Each patch operation and merge rule on the small base in {@code variant/bases/base.yaml}. */
class PatchOperationsTest {
  static final Path DIR = Path.of("src/test/resources/variant");
  static final String BASE = DIR.resolve("bases/base.yaml").toString();

  static Playbook load(String name) {
    return loadPath(DIR.resolve(name));
  }

  static Playbook loadPath(Path file) {
    try {
      return PlaybookLoader.load(file);
    } catch (InvalidInputException e) {
      throw new AssertionError(new DiagnosticFormatter().format(e.diagnostics()), e);
    }
  }

  static List<String> ids(List<Step> steps) {
    return steps.stream().map(Step::id).toList();
  }

  @Test
  void plainPlaybookLoadsAsItselfWithOneSource() {
    Playbook p = load("bases/base.yaml");
    assertEquals(List.of(BASE), p.sources());
    assertEquals(List.of("check", "volumes_closed", "confirm_change", "change"), ids(p.steps()));
  }

  @Test
  void beforeAndAfterInsertTheirStepsNextToTheTargetInOrder() {
    Playbook p = load("valid/before-after.yaml");
    assertEquals(List.of("check", "volumes_closed", "ticket_note", "confirm_change", "change", "report", "report_done"),
        ids(p.steps()));
    assertEquals("before-after", p.name());
    assertEquals(DIR.resolve("valid/before-after.yaml").toString(), p.file());
  }

  @Test
  void stepsKeepThePositionOfTheFileTheyCameFrom() {
    Playbook p = load("valid/before-after.yaml");
    String variant = DIR.resolve("valid/before-after.yaml").toString();
    assertEquals(variant, p.step("ticket_note").orElseThrow().info().span().file());
    assertEquals(8, p.step("ticket_note").orElseThrow().info().span().line());
    assertEquals(BASE, p.step("change").orElseThrow().info().span().file());
    assertEquals(44, p.step("change").orElseThrow().info().span().line());
    assertEquals(List.of(variant, BASE), p.sources());
  }

  @Test
  void replacementWithoutAnIdKeepsTheReplacedStepsId() {
    Playbook p = load("valid/replace.yaml");
    assertEquals(List.of("check", "volumes_closed", "confirm_change", "change_twice"), ids(p.steps()));
    ConfirmStep confirm = (ConfirmStep) p.step("confirm_change").orElseThrow();
    assertEquals("${target}", confirm.typeToConfirm().text());
    RunStep run = (RunStep) p.step("change_twice").orElseThrow();
    assertEquals("lvchange --refresh --refresh ${target}", run.command().line().text());
    assertTrue(p.step("show_state").isEmpty(), "the replaced step's on-failure steps go with it");
  }

  @Test
  void removeDropsTheStepAndEverythingNestedInIt() {
    Playbook p = load("valid/remove.yaml");
    assertEquals(List.of("confirm_change", "change", "show_state"), ids(p.allSteps()));
  }

  @Test
  void removingTheLastFixOrOnFailureStepRemovesTheList() {
    Playbook p = load("valid/remove-last.yaml");
    assertEquals(List.of(), ((RequireStateStep) p.step("volumes_closed").orElseThrow()).fix());
    assertEquals(List.of(), p.step("change").orElseThrow().info().onFailure());
  }

  @Test
  void updateReplacesTheGivenKeysAndATildeRemovesOne() {
    Playbook p = load("valid/update.yaml");
    RunStep change = (RunStep) p.step("change").orElseThrow();
    assertEquals(Duration.ofHours(4), change.info().timeout().duration());
    assertEquals("vg != 'rhel'", change.info().when().source());
    assertEquals("lvchange --refresh --yes ${target}", change.command().line().text());
    assertEquals("Change the pool", change.info().title().text(), "keys not in `set` stay");
    assertEquals(List.of("show_state"), ids(change.info().onFailure()));
    RunStep list = (RunStep) p.step("list").orElseThrow();
    assertNull(list.info().changes(), "`changes: ~` removed the base's `changes: false`");
    assertTrue(list.changes());
    assertEquals("Lists every volume.", list.info().doc().text());
  }

  @Test
  void targetsAreFoundInsideGroupsFixListsAndOnFailureLists() {
    Playbook p = load("valid/nested.yaml");
    GroupStep check = (GroupStep) p.step("check").orElseThrow();
    assertEquals(List.of("list", "list_all", "pool_ok"), ids(check.steps()));
    RequireStateStep closed = (RequireStateStep) p.step("volumes_closed").orElseThrow();
    GroupStep fix = assertInstanceOf(GroupStep.class, closed.fix().get(0));
    assertEquals("close_volumes", fix.id());
    assertEquals(List.of("confirm_close", "close_them"), ids(fix.steps()));
    RunStep show = (RunStep) p.step("show_state").orElseThrow();
    assertEquals("lvs -a -o+devices ${vg}", show.command().line().text());
  }

  @Test
  void paramsMergeKeyByKeyAndEnvVarsRequiresMergeByName() {
    Playbook p = load("valid/params.yaml");
    Param vg = p.params().get("vg");
    assertEquals("rhel", vg.defaultValue());
    assertEquals("Volume group", vg.description(), "keys the variant does not give stay");
    assertEquals("^[a-z]+$", vg.pattern());
    Param pool = p.params().get("pool");
    assertTrue(pool.required(), "`default: ~` removed the base's default");
    assertEquals("The pool (required here)", pool.description());
    assertEquals("^CHG[0-9]{6}$", p.params().get("ticket").pattern());
    assertEquals(List.of("vg", "pool", "ticket"), List.copyOf(p.params().keySet()));
    assertEquals("C.UTF-8", p.env().get("LC_ALL").text());
    assertEquals("1", p.env().get("LVM_SUPPRESS_FD_WARNINGS").text());
    assertEquals("${vg}/${pool} (${ticket})", p.vars().get("target").text());
    assertEquals(List.of("target"), List.copyOf(p.vars().keySet()), "`scratch: ~` removed the base's var");
    assertEquals(List.of("LC_ALL", "LVM_SUPPRESS_FD_WARNINGS"), List.copyOf(p.env().keySet()));
    assertEquals(List.of("lvs", "lvchange", "dmsetup"), p.requires().stream().map(Ref::id).toList());
    assertEquals("The base, with other defaults.", p.description());
  }

  @Test
  void aRequiresMappingRemovesProgramsWithTildeAndAddsThoseSetToTrue() {
    Playbook p = load("valid/requires-map.yaml");
    assertEquals(List.of("lvs", "dmsetup"), p.requires().stream().map(Ref::id).toList());
  }

  @Test
  void aVariantWithoutDescriptionKeepsTheBasesDescription() {
    assertEquals("Checks a volume group, then changes it after a confirm.\n", load("valid/remove.yaml").description());
  }

  @Test
  void aVariantOfAVariantAppliesTheInnerOneFirst() {
    Playbook p = load("valid/chain-top.yaml");
    assertEquals(List.of("check", "confirm_change", "top_note", "change"), ids(p.steps()));
    assertEquals("mid", p.params().get("vg").defaultValue());
    assertEquals("thin", p.params().get("pool").defaultValue());
    assertEquals(Duration.ofHours(1), p.step("change").orElseThrow().info().timeout().duration());
    assertEquals(List.of(DIR.resolve("valid/chain-top.yaml").toString(), DIR.resolve("valid/chain-mid.yaml").toString(),
        BASE), p.sources());
    assertFalse(p.step("volumes_closed").isPresent());
  }
}
