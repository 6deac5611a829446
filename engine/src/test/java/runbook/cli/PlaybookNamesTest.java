package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A playbook given by name is found in RUNBOOK_PLAYBOOKS, as on a host where the package installed it. */
class PlaybookNamesTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", "..")).toAbsolutePath().normalize();
  @TempDir Path tmp;

  private CliHarness harness(String dirs) throws Exception {
    CliHarness h = new CliHarness(tmp);
    h.env.put(PlaybookNames.ENV, dirs);
    return h;
  }

  @Test
  void docLintAndRenderFindTheShippedRepairByName() throws Exception {
    CliHarness h = harness(tmp.resolve("none") + ":" + ROOT.resolve("playbooks"));
    CliHarness.Result doc = h.run("doc", "thin-pool-metadata-repair");
    assertEquals(0, doc.code(), doc.all());
    assertTrue(doc.out().contains("thin_dump"), doc.out());
    CliHarness.Result lint = h.run("lint", "thin-pool-metadata-repair");
    assertEquals(0, lint.code(), lint.all());
    assertTrue(lint.out().contains("0 errors, 0 warnings in 1 file"), lint.out());
    CliHarness.Result render = h.run("render", "thin-pool-metadata-repair.yaml");
    assertEquals(0, render.code(), render.all());
  }

  @Test
  void runByNameRehearsesTheShippedRepair() throws Exception {
    CliHarness h = harness(ROOT.resolve("playbooks").toString());
    CliHarness.Result r = h.run("run", "thin-pool-metadata-repair", "--simulate",
        ROOT.resolve("playbooks/scenarios/healthy.scenario.yaml").toString(), "--yes", "--non-interactive", "--no-color");
    assertEquals(0, r.code(), r.all());
    assertTrue(h.journal().get(0).contains(ROOT.resolve("playbooks/thin-pool-metadata-repair.yaml").toString()), h.journal().get(0));
  }

  @Test
  void testByNameRunsOnlyThatPlaybooksScenarios() throws Exception {
    CliHarness h = harness(ROOT.resolve("examples/diagnose-only").toString());
    CliHarness.Result r = h.run("test", "diagnose-only");
    assertEquals(0, r.code(), r.all());
    long scenarios;
    try (var files = Files.list(ROOT.resolve("examples/diagnose-only/scenarios"))) {
      scenarios = files.filter(f -> f.toString().endsWith(".scenario.yaml")).count();
    }
    assertTrue(scenarios > 0);
    assertTrue(r.out().contains(scenarios + " passed, 0 failed"), r.out());
  }

  @Test
  void anUnknownNameSaysWhereItLookedAndWhatIsThere() throws Exception {
    CliHarness h = harness(ROOT.resolve("playbooks").toString());
    CliHarness.Result r = h.run("run", "thin-pool-repair", "--dry-run");
    assertEquals(66, r.code(), r.all());
    assertTrue(r.err().contains("no such file: thin-pool-repair (nor a playbook of that name in " + ROOT.resolve("playbooks")
        + "; there: thin-pool-metadata-repair)"), r.err());
  }

  @Test
  void aPathIsNeverLookedUpByName() throws Exception {
    CliHarness h = harness(ROOT.resolve("playbooks").toString());
    CliHarness.Result r = h.run("doc", "./thin-pool-metadata-repair.yaml");
    assertEquals(66, r.code(), r.all());
    assertFalse(r.err().contains("nor a playbook"), r.err());
  }

  @Test
  void aFileInTheCurrentDirectoryWinsOverAnInstalledPlaybook() throws Exception {
    Path here = Path.of("").toAbsolutePath();
    Path local = here.resolve("pom.xml");
    assertTrue(Files.exists(local), "the tests run in the engine directory");
    assertEquals(Path.of("pom.xml"), PlaybookNames.resolve(Path.of("pom.xml"), java.util.Map.of(PlaybookNames.ENV, ROOT.toString())));
    assertEquals(ROOT.resolve("playbooks/thin-pool-metadata-repair.yaml"),
        PlaybookNames.resolve(Path.of("thin-pool-metadata-repair"), java.util.Map.of(PlaybookNames.ENV, ROOT.resolve("playbooks").toString())));
  }
}
