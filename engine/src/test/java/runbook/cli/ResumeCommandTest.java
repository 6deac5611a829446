package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.journal.JournalReader;

/** {@code runbook resume}, {@code runs} and {@code show} as a black box, on runs that failed or were cut short. */
class ResumeCommandTest {
  @TempDir Path tmp;
  CliHarness cli;
  Path log;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    log = cli.scratch.resolve("log");
  }

  static String pb(String name) {
    try {
      return Path.of(ResumeCommandTest.class.getResource("/state/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** fix.yaml run until it fails at needs_fix; returns the run id. */
  private String failedRun(String playbook) throws IOException {
    CliHarness.Result r = cli.run("run", playbook, "--set", "dir=" + cli.scratch, "--set", "token=s3cret", "--approve", "go", "--non-interactive");
    assertEquals(1, r.code(), r.all());
    return cli.runDir().getFileName().toString();
  }

  private List<Map<String, Object>> records() throws Exception {
    JournalReader.Contents c = JournalReader.read(cli.runDir().resolve("journal.jsonl"));
    assertNull(c.tornLine());
    return c.records();
  }

  private static long count(List<Map<String, Object>> records, String type) {
    return records.stream().filter(r -> type.equals(r.get("type"))).count();
  }

  @Test
  void failedRunResumesAtTheFailedStepWithoutAskingTheApprovedConfirmAgain() throws Exception {
    String id = failedRun(pb("fix.yaml"));
    Files.createFile(cli.scratch.resolve("fixed"));
    CliHarness.Result r = cli.run("resume", id, "--non-interactive", "--set", "token=s3cret");
    assertEquals(0, r.code(), r.all());
    assertEquals(List.of("first", "last"), Files.readAllLines(log));
    List<Map<String, Object>> records = records();
    // the confirm approved before the stop was not asked again: one answer in the journal
    assertEquals(1, records.stream().filter(x -> x.get("decision") instanceof Map<?, ?> d && Boolean.TRUE.equals(d.get("approved"))).count());
    assertEquals(1, count(records, "run-resumed"));
    assertFalse(cli.everythingIn(cli.runDir()).contains("s3cret"), "the secret was stored");
  }

  @Test
  void aSecretParamMustBeGivenAgainAndOtherParamsCannotChange() throws Exception {
    String id = failedRun(pb("fix.yaml"));
    CliHarness.Result r = cli.run("resume", id, "--non-interactive");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("secret param `token` is never stored, so give it again: --set token=VALUE"), r.err());
    r = cli.run("resume", id, "--non-interactive", "--set", "token=s3cret", "--set", "dir=/elsewhere");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("param `dir` was '" + cli.scratch + "'"), r.err());
    assertEquals(List.of("first"), Files.readAllLines(log));
  }

  @Test
  void aChangedPlaybookIsRefusedNamingTheFileAndBothHashesUnlessForced() throws Exception {
    Path copy = Files.copy(Path.of(pb("fix.yaml")), tmp.resolve("fix.yaml"));
    String id = failedRun(copy.toString());
    String was = runbook.exec.Runner.sha256(Files.readAllBytes(copy));
    Files.writeString(copy, "# a comment changes the hash\n", StandardOpenOption.APPEND);
    String now = runbook.exec.Runner.sha256(Files.readAllBytes(copy));
    Files.createFile(cli.scratch.resolve("fixed"));
    CliHarness.Result r = cli.run("resume", id, "--non-interactive", "--set", "token=s3cret");
    assertEquals(65, r.code(), r.all());
    assertTrue(r.err().contains(copy + ": sha256 was " + was + " when the run started, is now " + now), r.err());
    assertTrue(r.err().contains("--force"), r.err());
    assertEquals(List.of("first"), Files.readAllLines(log));

    r = cli.run("resume", id, "--non-interactive", "--set", "token=s3cret", "--force");
    assertEquals(0, r.code(), r.all());
    Map<String, Object> resumed = records().stream().filter(x -> "run-resumed".equals(x.get("type"))).findFirst().orElseThrow();
    assertTrue(String.valueOf(resumed.get("forced")).contains(now), resumed.toString());
  }

  @Test
  void aTornLastLineIsReportedAndCutOffWhenTheRunIsResumed() throws Exception {
    String id = failedRun(pb("fix.yaml"));
    Path journal = cli.runDir().resolve("journal.jsonl");
    int complete = Files.readAllLines(journal).size();
    Files.writeString(journal, "{\"type\":\"step-sta", StandardOpenOption.APPEND);
    CliHarness.Result shown = cli.run("show", id);
    assertEquals(0, shown.code(), shown.all());
    assertTrue(shown.err().contains(journal + ":" + (complete + 1) + ": the last record is incomplete"), shown.err());

    Files.createFile(cli.scratch.resolve("fixed"));
    CliHarness.Result r = cli.run("resume", id, "--non-interactive", "--set", "token=s3cret");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.err().contains("the last record is incomplete"), r.err());
    List<Map<String, Object>> records = records();
    Map<String, Object> repaired = records.get(complete + 1);
    assertEquals("journal-repaired", repaired.get("type"));
    assertEquals("{\"type\":\"step-sta", repaired.get("torn"));
    assertEquals("run-resumed", records.get(complete).get("type"));
  }

  @Test
  void anInterruptedChangeIsNeverRerunSilently() throws Exception {
    String id = failedRun(pb("fix.yaml"));
    Path journal = cli.runDir().resolve("journal.jsonl");
    // the engine died while `last` ran: its step-started is the journal's last word on it
    Files.writeString(journal, "{\"type\":\"step-started\",\"time\":\"2026-11-25T17:00:00Z\",\"step\":\"last\","
        + "\"title\":\"Last change\",\"action\":\"run\",\"changes\":true}\n", StandardOpenOption.APPEND);
    Files.createFile(cli.scratch.resolve("fixed"));

    CliHarness.Result r = cli.run("resume", id, "--non-interactive", "--set", "token=s3cret");
    assertEquals(3, r.code(), r.all());
    assertTrue(r.err().contains("step `last` changes the system and was running when run " + id + " stopped"), r.err());
    assertTrue(r.err().contains("--rerun-interrupted") && r.err().contains("--mark-done last"), r.err());

    r = cli.run("resume", id, "--non-interactive", "--set", "token=s3cret", "--mark-done", "first");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("the interrupted change is `last`"), r.err());

    r = cli.run("resume", id, "--non-interactive", "--set", "token=s3cret", "--mark-done", "last");
    assertEquals(0, r.code(), r.all());
    assertEquals(List.of("first"), Files.readAllLines(log), "a change marked done ran again");
    Map<String, Object> resumed = records().stream().filter(x -> "run-resumed".equals(x.get("type"))).findFirst().orElseThrow();
    assertEquals("last", resumed.get("interrupted_step"));
    assertEquals("mark-done", resumed.get("decision"));
  }

  @Test
  void theOperatorIsAskedAboutAnInterruptedChangeOnATerminal() throws Exception {
    String id = failedRun(pb("fix.yaml"));
    Files.writeString(cli.runDir().resolve("journal.jsonl"), "{\"type\":\"step-started\",\"time\":\"2026-11-25T17:00:00Z\",\"step\":\"last\","
        + "\"title\":\"Last change\",\"action\":\"run\",\"changes\":true}\n", StandardOpenOption.APPEND);
    Files.createFile(cli.scratch.resolve("fixed"));
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    // a terminal that answers "x" (not an answer), then "r" (re-run)
    CliContext terminal = new CliContext(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
        new java.io.ByteArrayInputStream("x\nr\n".getBytes(StandardCharsets.UTF_8)), cli.env, true);
    int code = Main.execute(new String[] {"resume", id, "--set", "token=s3cret"}, terminal);
    assertEquals(0, code, out + "\n" + err);
    assertTrue(out.toString().contains("[r]e-run it, [m]ark it as done, or [a]bort?"), out.toString());
    assertTrue(out.toString().contains("answer r, m or a"), out.toString());
    assertEquals(List.of("first", "last"), Files.readAllLines(log));
  }

  @Test
  void aTerminalThatClosesBeforeAnsweringAbortsTheResume() throws Exception {
    String id = failedRun(pb("fix.yaml"));
    Files.writeString(cli.runDir().resolve("journal.jsonl"), "{\"type\":\"step-started\",\"time\":\"2026-11-25T17:00:00Z\",\"step\":\"last\","
        + "\"title\":\"Last change\",\"action\":\"run\",\"changes\":true}\n", StandardOpenOption.APPEND);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    CliContext terminal = new CliContext(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
        new java.io.ByteArrayInputStream(new byte[0]), cli.env, true);
    int code = Main.execute(new String[] {"resume", id, "--set", "token=s3cret"}, terminal);
    assertEquals(3, code, out + "\n" + err);
    assertTrue(err.toString().contains("no answer came (the terminal closed before an answer was given)"), err.toString());
    assertEquals(List.of("first"), Files.readAllLines(log));
  }

  @Test
  void nothingToResumeInASucceededRunAndNoSuchRun() throws Exception {
    Files.createFile(cli.scratch.resolve("fixed"));
    CliHarness.Result r = cli.run("run", pb("fix.yaml"), "--set", "dir=" + cli.scratch, "--set", "token=s3cret", "--approve", "go");
    assertEquals(0, r.code(), r.all());
    r = cli.run("resume", "--last");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("succeeded; there is nothing to resume"), r.err());
    r = cli.run("resume", "20261125-170000-nothing-here-abcd");
    assertEquals(66, r.code(), r.all());
    assertTrue(r.err().contains("no run `20261125-170000-nothing-here-abcd` in " + cli.stateDir.resolve("runs")), r.err());
    r = cli.run("resume");
    assertEquals(64, r.code(), r.all());
  }

  @Test
  void aStateDirectoryThatCannotBeWrittenStopsTheRunBeforeItsFirstStep() throws Exception {
    Path notADir = Files.writeString(tmp.resolve("state-file"), "");
    CliHarness.Result r = cli.run("run", pb("fix.yaml"), "--state-dir", notADir.toString(), "--set", "dir=" + cli.scratch,
        "--set", "token=s3cret", "--approve", "go");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("cannot write the state directory " + notADir + ": not a directory (ENOTDIR)"), r.err());
    assertFalse(Files.exists(log), "a step ran");
  }

  @Test
  void runsListsEveryRunAndShowPrintsItsReportOrItsJournalSoFar() throws Exception {
    String failed = failedRun(pb("fix.yaml"));
    Path journal = cli.runDir().resolve("journal.jsonl");
    List<String> lines = Files.readAllLines(journal);
    // as if the engine had died before its end record
    Files.write(journal, lines.subList(0, lines.size() - 1));

    CliHarness.Result r = cli.run("runs");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith(failed + "  fix-then-resume  ") && l.contains(" stopped ") && l.endsWith("no")), r.out());

    r = cli.run("show", failed);
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("- outcome: **stopped**: it ended without an end record; continue it with `runbook resume " + failed + "`"), r.out());
    assertTrue(r.out().contains("| needs_fix | failed |"), r.out());

    Files.createFile(cli.scratch.resolve("fixed"));
    assertEquals(0, cli.run("resume", failed, "--non-interactive", "--set", "token=s3cret").code());
    r = cli.run("show", failed);
    assertEquals(Files.readString(cli.runDir().resolve("report.md")), r.out());
    assertTrue(r.out().contains("outcome: **succeeded**"), r.out());
    assertTrue(cli.run("runs").out().contains(" succeeded "), r.out());
  }

  @Test
  void aSimulatedRunResumesOnTheSameScenarioWithItsFlagsAsTheyWere() throws Exception {
    CliHarness.Result r = cli.run("run", pb("sim.yaml"), "--simulate", pb("sim.scenario.yaml"), "--non-interactive");
    assertEquals(3, r.code(), r.all());
    String id = cli.runDir().getFileName().toString();
    // the flag set by the answered `lvchange` must still be set: otherwise `lvs` answers "active"
    r = cli.run("resume", id, "--non-interactive", "--approve", "go");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.err().contains("simulated run: the scenario"), r.err());
    List<Map<String, Object>> records = records();
    assertEquals("simulation", records.get(1).get("type"));
    assertEquals(Path.of(pb("sim.scenario.yaml")).toString(), records.get(1).get("scenario"));
    assertEquals(1, records.stream().filter(x -> "step-started".equals(x.get("type")) && "stop_pool".equals(x.get("step"))).count());
    assertTrue(cli.run("runs").out().lines().anyMatch(l -> l.startsWith(id) && l.endsWith("yes")));
  }

  @Test
  void aVariantResumesAndAChangeToItsBaseIsRefused() throws Exception {
    Path base = Files.copy(Path.of(pb("fix.yaml")), tmp.resolve("fix.yaml"));
    Path variant = Files.copy(Path.of(pb("variant.yaml")), tmp.resolve("variant.yaml"));
    String id = failedRun(variant.toString());
    assertEquals(List.of("first", "site"), Files.readAllLines(log));
    Files.createFile(cli.scratch.resolve("fixed"));

    Files.writeString(base, "# the base changed\n", StandardOpenOption.APPEND);
    CliHarness.Result r = cli.run("resume", id, "--non-interactive", "--set", "token=s3cret");
    assertEquals(65, r.code(), r.all());
    assertTrue(r.err().contains(base + ": sha256 was "), r.err());

    r = cli.run("resume", id, "--non-interactive", "--set", "token=s3cret", "--force");
    assertEquals(0, r.code(), r.all());
    assertEquals(List.of("first", "site", "last"), Files.readAllLines(log));
  }

  @Test
  void aRunStartedWithFromDoesNotRunTheStepsBeforeItOnResume() throws Exception {
    CliHarness.Result r = cli.run("run", pb("fix.yaml"), "--set", "dir=" + cli.scratch, "--set", "token=s3cret", "--from", "needs_fix");
    assertEquals(1, r.code(), r.all());
    Files.createFile(cli.scratch.resolve("fixed"));
    r = cli.run("resume", "--last", "--non-interactive", "--set", "token=s3cret");
    assertEquals(0, r.code(), r.all());
    assertEquals(List.of("last"), Files.readAllLines(log));
  }
}
