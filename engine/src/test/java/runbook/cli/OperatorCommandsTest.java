package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands an operator reaches for around a run: {@code help}, a mistyped command,
 * {@code show --last}, {@code resume --last}, and what the end of a rehearsal of the shipped
 * repair says.
 */
class OperatorCommandsTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", "..")).toAbsolutePath().normalize();
  private static final String REPAIR = ROOT.resolve("playbooks/thin-pool-metadata-repair.yaml").toString();

  @TempDir Path tmp;
  private CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(tmp);
  }

  private static String scenario(String name) {
    return ROOT.resolve("playbooks/scenarios/" + name).toString();
  }

  @Test
  void anUnknownCommandIsAUsageErrorWithADidYouMeanWithOrWithoutHelp() {
    CliHarness.Result typo = cli.run("rn", "x.yaml");
    assertEquals(ExitCodes.USAGE, typo.code(), typo.all());
    assertTrue(typo.err().contains("error: unknown command `rn`; did you mean `run`?"), typo.err());
    CliHarness.Result help = cli.run("nosuch", "--help");
    assertEquals(ExitCodes.USAGE, help.code(), help.all());
    assertTrue(help.err().contains("unknown command `nosuch`"), help.err());
    assertEquals("", help.out(), "no general help for a command that does not exist");
  }

  @Test
  void helpCommandPrintsTheCommandsOwnHelp() {
    CliHarness.Result r = cli.run("help", "resume");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("Usage: runbook resume"), r.out());
    assertTrue(r.out().contains("--include-rehearsals"), r.out());
    assertEquals(0, cli.run("help").code());
    CliHarness.Result unknown = cli.run("help", "shw");
    assertEquals(ExitCodes.USAGE, unknown.code(), unknown.all());
    assertTrue(unknown.err().contains("did you mean `show`?"), unknown.err());
    CliHarness.Result two = cli.run("help", "run", "show");
    assertEquals(ExitCodes.USAGE, two.code(), two.all());
    assertTrue(two.err().contains("`runbook help` takes one command"), two.err());
  }

  @Test
  void aRehearsalsSkipsSayWhyInTheOperatorsWordsAndItsSuccessEndsWithTheBackups() {
    CliHarness.Result r = cli.run("run", REPAIR, "--simulate", scenario("account-pve-99.6.scenario.yaml"), "--yes");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("the kernel did not grow the metadata"), r.out());
    assertFalse(r.out().contains("`when` is false: !run.dry && status_after_extend.ok"), r.out());
    String end = r.out().substring(r.out().lastIndexOf("run succeeded"));
    assertTrue(end.startsWith("run succeeded (simulated: nothing ran on this host)"), end);
    assertTrue(end.contains("Backups in /root/thin-pool-repair/pve-data-20261125T031500Z"), end);
    assertTrue(end.contains("Keep pve/data_meta_before_repair and the backups"), end);
  }

  @Test
  void aFailedRehearsalNamesTheStepTheHostsStateAndTheExactResumeCommand() throws Exception {
    CliHarness.Result r = cli.run("run", REPAIR, "--simulate", scenario("transaction-id-mismatch-and-damaged.scenario.yaml"), "--yes");
    assertEquals(ExitCodes.FAILED, r.code(), r.all());
    String runId = cli.runDir().getFileName().toString();
    assertTrue(r.err().contains("at step `dump_transaction_matches`"), r.err());
    assertTrue(r.err().contains("pve/data_tmeta is inactive again"), r.err());
    assertTrue(r.err().contains("Where the host stands now:\n  pve/data and its thin volumes are offline"), r.err());
    assertTrue(r.err().strip().endsWith("runbook resume " + runId + " --state-dir " + cli.stateDir + " --yes"), r.err());
    String report = Files.readString(cli.runDir().resolve("report.md"));
    assertTrue(report.contains("**Simulated run (rehearsal)"), report);
    assertTrue(report.contains("## Where the run stopped"), report);
    assertTrue(report.matches("(?s).*\\| confirm_offline \\| approved \\| --yes \\| .*"), report);
  }

  @Test
  void showLastAndResumeLastChooseTheRunsAnOperatorMeans() throws Exception {
    CliHarness.Result real = cli.run("run", CliHarness.playbook("fails.yaml"));
    assertEquals(ExitCodes.FAILED, real.code(), real.all());
    Thread.sleep(1100); // run ids sort by the second they started in
    assertEquals(0, cli.run("run", CliHarness.playbook("fails.yaml"), "--dry-run").code());
    assertEquals(ExitCodes.FAILED, cli.run("run", REPAIR, "--simulate", scenario("transaction-id-mismatch-and-damaged.scenario.yaml"), "--yes").code());

    CliHarness.Result shown = cli.run("show", "--last");
    assertEquals(0, shown.code(), shown.all());
    assertTrue(shown.out().contains("Simulated run (rehearsal)"), "the newest run is the rehearsal:\n" + shown.out());

    CliHarness.Result resumed = cli.run("resume", "--last");
    assertTrue(resumed.err().contains("--last passes over the newer"), resumed.err());
    assertTrue(resumed.err().contains("(rehearsal)") && resumed.err().contains("(dry run)"), resumed.err());
    assertTrue(resumed.out().contains("disk on fire") || resumed.err().contains("disk on fire"), "the real run was resumed:\n" + resumed.all());

    CliHarness.Result rehearsal = cli.run("resume", "--last", "--include-rehearsals", "--yes");
    assertFalse(rehearsal.err().contains("--last passes over the newer"), rehearsal.err());
    assertTrue(rehearsal.err().contains("dump_transaction_matches"), rehearsal.all());
  }

  @Test
  void reasonWithoutWhenIsAPlaybookError() throws Exception {
    Path pb = tmp.resolve("reason.yaml");
    Files.writeString(pb, "runbook: 1\nname: reason\ntitle: A reason with nothing to explain\nsteps:\n"
        + "  - id: one\n    title: One\n    reason: not needed\n    run: [true]\n");
    CliHarness.Result r = cli.run("lint", pb.toString());
    assertEquals(1, r.code(), r.all());
    assertTrue(r.all().contains("reason.yaml:7:13"), r.all());
    assertTrue(r.all().contains("`reason` says why a step is skipped, and this step has no `when`"), r.all());
  }
}
