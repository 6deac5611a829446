package runbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import runbook.model.AssertOutputStep;
import runbook.model.ColumnType;
import runbook.model.Command;
import runbook.model.ConfirmStep;
import runbook.model.GroupStep;
import runbook.model.OnDecline;
import runbook.model.OutputStream;
import runbook.model.Param;
import runbook.model.ParamType;
import runbook.model.ParseTableStep;
import runbook.model.Playbook;
import runbook.model.Probe;
import runbook.model.RequireStateStep;
import runbook.model.RunStep;
import runbook.model.Step;
import runbook.model.TableFormat;

/** What the parser builds from {@code parse/valid/every-action.yaml}. */
class PlaybookParserTest {
  private static final String FILE = "src/test/resources/parse/valid/every-action.yaml";
  private static Playbook playbook;

  @BeforeAll
  static void parse() throws Exception {
    playbook = PlaybookParser.parse(Path.of(FILE));
  }

  private static <T extends Step> T step(String id, Class<T> type) {
    return type.cast(playbook.step(id).orElseThrow());
  }

  @Test
  void topLevelKeysAreRead() {
    assertEquals("thin-pool-metadata-repair", playbook.name());
    assertEquals(1, playbook.version());
    assertEquals(List.of("lvs", "dmsetup", "thin_check"), playbook.requires().stream().map(r -> r.id()).toList());
    assertEquals("C", playbook.env().get("LC_ALL").text());
    assertEquals("${dm:name(vg, pool)}-tpool", playbook.vars().get("tpool").text());
    assertEquals(List.of(FILE), playbook.sources());
  }

  @Test
  void paramsKeepTypeDefaultPatternChoicesAndSecrecy() {
    Param vg = playbook.params().get("vg");
    assertEquals("pve", vg.defaultValue());
    assertEquals("^[A-Za-z0-9_.+-]+$", vg.pattern());
    assertEquals(ParamType.SIZE, playbook.params().get("new_meta_size").type());
    assertEquals(List.of("check", "repair"), playbook.params().get("mode").choices());
    Param token = playbook.params().get("api_token");
    assertTrue(token.secret());
    assertTrue(token.required());
    assertTrue(playbook.params().get("ticket").required());
    assertEquals(ParamType.STRING, playbook.params().get("ticket").type());
  }

  @Test
  void runStepStringFormKeepsTheLineAndItsPosition() {
    RunStep s = step("pool_status", RunStep.class);
    assertEquals("dmsetup status ${tpool}", s.command().line().text());
    assertEquals(FILE + ":34:10", s.command().line().span().toString());
    assertEquals(Duration.ofSeconds(90), s.info().timeout().duration());
    assertFalse(s.changes());
    assertEquals(List.of(0), s.command().expectExit());
    assertEquals(Command.DEFAULT_CAPTURE, s.command().captureBytes());
  }

  @Test
  void quotedTemplatePointsAfterTheQuote() {
    AssertOutputStep s = step("pool_not_flagged", AssertOutputStep.class);
    assertEquals(FILE + ":42:17", s.message().span().toString());
    assertEquals(FILE + ":41:17", s.matches().get(0).span().toString());
    assertEquals(OutputStream.STDOUT, s.stream());
    assertEquals("pool_status", s.of().id());
  }

  @Test
  void blockScalarTemplatePointsAtItsFirstContentLine() {
    ConfirmStep s = step("confirm_swap", ConfirmStep.class);
    assertEquals(FILE + ":102:9", s.prompt().span().toString());
    assertEquals(OnDecline.SKIP, s.onDecline());
    assertEquals("${vg}/${pool}", s.typeToConfirm().text());
  }

  @Test
  void parseTableReadsFormatColumnsAndTypes() {
    ParseTableStep lvs = step("lvs", ParseTableStep.class);
    assertEquals(TableFormat.DELIMITED, lvs.table().format());
    assertEquals("|", lvs.table().separator());
    assertEquals(ColumnType.BYTES, lvs.table().types().get("size"));
    assertEquals(7, lvs.table().columnNames().size());
    ParseTableStep json = step("lvs_json", ParseTableStep.class);
    assertEquals("report[0].lv", json.table().jsonPath());
    assertEquals("size", json.table().columnRenames().get("LSize"));
    assertEquals(4, json.table().run().args().size());
    assertEquals(1024 * 1024, json.table().run().captureBytes());
  }

  @Test
  void requireStateReadsProbeWaitAndFix() {
    RequireStateStep s = step("thin_volumes_closed", RequireStateStep.class);
    assertTrue(s.probe() instanceof Probe.TableProbe);
    assertEquals("all(probe.rows, r -> r.open == 0)", s.that().source());
    assertEquals(Duration.ofMinutes(2), s.waitTimeout().duration());
    assertEquals(Duration.ofSeconds(5), s.waitEvery().duration());
    RunStep fix = (RunStep) s.fix().get(0);
    assertEquals(List.of(0, 2), fix.command().expectExit());
  }

  @Test
  void groupKeepsChildrenRetryAndOnFailure() {
    GroupStep g = step("repair", GroupStep.class);
    assertEquals(List.of("dump", "check_dump"), g.steps().stream().map(Step::id).toList());
    assertEquals(3, g.info().retry().attempts());
    assertEquals("repair.exit == 0", g.info().retry().until().source());
    assertTrue(g.info().continueOnError());
    assertEquals("report_failure", g.info().onFailure().get(0).id());
    RunStep dump = (RunStep) g.steps().get(0);
    assertEquals("/tmp/meta.xml", dump.command().outputFile().text());
    assertEquals("UTC", dump.command().env().get("TZ").text());
    assertEquals("", dump.command().stdin().text());
    assertTrue(((RunStep) g.steps().get(1)).command().shell());
    assertNull(dump.info().when());
    assertEquals("mode == 'repair'", g.info().when().source());
  }

  @Test
  void everyStepKindHasAnActionKey() {
    List<String> actions = Arrays.stream(Step.class.getPermittedSubclasses())
        .map(c -> playbook.allSteps().stream().filter(c::isInstance).findFirst().orElseThrow().action())
        .sorted().toList();
    assertEquals(StepKeys.ACTIONS.stream().sorted().toList(), actions);
  }
}
