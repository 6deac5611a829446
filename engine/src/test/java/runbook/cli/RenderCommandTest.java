package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runbook render}, and {@code runbook run} on a variant, as a black box. */
class RenderCommandTest {
  private static final String DIR = "src/test/resources/variant/cli/";
  @TempDir Path tmp;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
  }

  @Test
  void renderPrintsTheResolvedVariantWithEachStepsOrigin() {
    CliHarness.Result r = cli.run("render", DIR + "greet-site.yaml");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().startsWith("# resolved from " + DIR + "greet-site.yaml, " + DIR + "greet.yaml\n"), r.out());
    assertTrue(r.out().contains("name: \"greet-site\"\n"), r.out());
    assertTrue(r.out().contains("    default: \"site\"\n"), r.out());
    assertTrue(r.out().contains("  # from " + DIR + "greet.yaml:7\n  - id: \"greet\"\n"), r.out());
    assertTrue(r.out().contains("  # from " + DIR + "greet-site.yaml:10\n  - id: \"goodbye\"\n"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void renderOfAnInvalidVariantExits65NamingBothFiles() {
    CliHarness.Result r = cli.run("render", DIR + "greet-broken.yaml");
    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.err().startsWith(DIR + "greet-broken.yaml:6:13: error[unknown-target]: no step `greted` in "
        + DIR + "greet.yaml\n"), r.err());
    assertTrue(r.err().contains("hint: did you mean `greeted`?"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void renderOfAMissingFileExits66() {
    CliHarness.Result r = cli.run("render", DIR + "no-such.yaml");
    assertEquals(ExitCodes.NO_INPUT, r.code(), r.all());
    assertTrue(r.err().contains("no such file: " + DIR + "no-such.yaml"), r.err());
  }

  @Test
  void theClusterVariantDoesNotStartWithoutAValidChangeTicket() {
    Path root = Path.of(System.getProperty("runbook.root", ".."));
    String variant = root.resolve("examples/proxmox-cluster/proxmox-cluster.yaml").toString();
    String scenario = root.resolve("examples/proxmox-cluster/scenarios/guests-stopped-and-started.scenario.yaml").toString();
    CliHarness.Result r = cli.run("run", variant, "--simulate", scenario, "--yes", "--set", "ticket=INC1");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("param `ticket`: 'INC1' does not match the pattern `^CHG[0-9]{6}$`"), r.err());
  }

  @Test
  void runExecutesTheResolvedVariantAndJournalsEverySourceFile() throws IOException {
    CliHarness.Result r = cli.run("run", DIR + "greet-site.yaml");
    assertEquals(0, r.code(), r.all());
    String journal = String.join("\n", cli.journal());
    assertTrue(journal.contains("\"step\":\"goodbye\""), journal);
    assertTrue(journal.contains("greet-site.yaml") && journal.contains("greet.yaml"), journal);
    String goodbye = Files.readString(cli.runDir().resolve("steps/goodbye.out"));
    assertEquals("goodbye site\n", goodbye);
  }
}
