package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runbook run} as a black box: exit codes, messages, and what each behaviour leaves behind. */
class RunCommandTest {
  @TempDir Path tmp;
  CliHarness cli;
  String dir;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    dir = "dir=" + cli.scratch;
  }

  private static String pb(String name) {
    return CliHarness.playbook(name);
  }

  private boolean scratch(String file) {
    return Files.exists(cli.scratch.resolve(file));
  }

  @Test
  void successfulRunExitsZeroAndPrintsSummaryAndReport() throws IOException {
    CliHarness.Result r = cli.run("run", pb("succeeds.yaml"));
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("run succeeded"), r.out());
    assertTrue(r.out().contains("report: " + cli.runDir().resolve("report.md")), r.out());
    assertTrue(Files.readString(cli.runDir().resolve("report.md")).contains("| greet | ok |"));
    assertTrue(Files.exists(cli.runDir().resolve("steps/greet.out")));
    assertTrue(Files.exists(cli.runDir().resolve("playbook.yaml")));
    assertTrue(Files.exists(cli.runDir().resolve("runbook.log")));
  }

  @Test
  void failedStepExitsOneNamesTheStepAndShowsItsStderr() {
    CliHarness.Result r = cli.run("run", pb("fails.yaml"));
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("exited with 2, expected 0"), r.err());
    assertTrue(r.err().contains("disk on fire"), r.err());
    assertTrue(r.err().contains("run failed\n  at step `broken`: Exit with 2"), r.err());
    assertFalse(r.out().contains("never "), r.out());
  }

  @Test
  void invalidPlaybookExits65WithPositionAndNothingRuns() {
    CliHarness.Result r = cli.run("run", pb("invalid.yaml"));
    assertEquals(65, r.code(), r.all());
    assertTrue(r.err().contains("invalid.yaml:7:5: error[unknown-key]: unknown key `asert-output`"), r.err());
    assertTrue(r.err().contains("did you mean `assert-output`?"), r.err());
    assertFalse(Files.exists(cli.stateDir.resolve("runs")));
  }

  @Test
  void missingPlaybookExits66() {
    CliHarness.Result r = cli.run("run", tmp.resolve("nope.yaml").toString());
    assertEquals(66, r.code(), r.all());
    assertTrue(r.err().contains("no such file: " + tmp.resolve("nope.yaml")), r.err());
  }

  @Test
  void badSetFormExits64() {
    CliHarness.Result r = cli.run("run", pb("succeeds.yaml"), "--set", "novalue");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("bad --set `novalue`: expected NAME=VALUE"), r.err());
  }

  @Test
  void unknownOptionExits64() {
    CliHarness.Result r = cli.run("run", pb("succeeds.yaml"), "--frobnicate");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("--frobnicate"), r.err());
  }

  @Test
  void paramProblemsAreReportedTogetherWithDidYouMeanAndExit64() {
    CliHarness.Result r = cli.run("run", pb("require-state.yaml"), "--set", "mdoe=wait", "--set", "dri=x", "--from", "nevr_holds");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("unknown param `mdoe`; did you mean `mode`?"), r.err());
    assertTrue(r.err().contains("unknown param `dri`; did you mean `dir`?"), r.err());
    assertTrue(r.err().contains("missing required param `mode`"), r.err());
    assertTrue(r.err().contains("--from: no step `nevr_holds`"), r.err());
    assertFalse(Files.exists(cli.stateDir.resolve("runs")));
  }

  @Test
  void paramOutsideItsChoicesExits64() {
    CliHarness.Result r = cli.run("run", pb("require-state.yaml"), "--set", dir, "--set", "mode=wiat");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("param `mode`: expected one of wait, fix, abort, found 'wiat'; did you mean `wait`?"), r.err());
  }

  @Test
  void paramsFileProvidesValuesAndSetOverridesIt() throws IOException {
    Path params = tmp.resolve("params.yaml");
    Files.writeString(params, "x: from-file\n");
    CliHarness.Result r = cli.run("run", pb("injection.yaml"), "--params", params.toString());
    assertEquals(0, r.code(), r.all());
    assertTrue(Files.readString(cli.runDir().resolve("steps/words.out")).contains("[from-file]"));
  }

  @Test
  void missingParamsFileExits66() {
    CliHarness.Result r = cli.run("run", pb("injection.yaml"), "--params", tmp.resolve("none.yaml").toString());
    assertEquals(66, r.code(), r.all());
  }

  @Test
  void falseWhenSkipsAStepAndAWholeGroupAndRecordsThem() throws IOException {
    CliHarness.Result r = cli.run("run", pb("when.yaml"), "--set", dir);
    assertEquals(0, r.code(), r.all());
    assertFalse(scratch("yes-ran"));
    assertFalse(scratch("repair-one-ran"));
    assertTrue(scratch("after-ran"));
    String journal = String.join("\n", cli.journal());
    assertTrue(journal.contains("\"step\":\"only_on_yes\",\"status\":\"skipped\""), journal);
    assertTrue(journal.contains("\"step\":\"repair\",\"status\":\"skipped\""), journal);
  }

  @Test
  void retryRunsAgainUntilItsConditionHolds() throws IOException {
    CliHarness.Result r = cli.run("run", pb("retry.yaml"), "--set", dir);
    assertEquals(0, r.code(), r.all());
    assertEquals("3", Files.readString(cli.scratch.resolve("n")).strip());
    assertTrue(Files.exists(cli.runDir().resolve("steps/count-3.out")));
    assertTrue(String.join("\n", cli.journal()).contains("\"attempts\":3"));
  }

  @Test
  void continueOnErrorRecordsTheFailureAndGoesOn() {
    CliHarness.Result r = cli.run("run", pb("continue-on-error.yaml"), "--set", dir);
    assertEquals(0, r.code(), r.all());
    assertTrue(scratch("noticed"));
  }

  @Test
  void onFailureStepsRunAndTheRunStillFails() {
    CliHarness.Result r = cli.run("run", pb("on-failure.yaml"), "--set", dir);
    assertEquals(1, r.code(), r.all());
    assertTrue(scratch("cleaned"));
    assertFalse(scratch("never"));
  }

  @Test
  void aStopInsideAGroupRunsItsOnFailureStepsAndTheRunStaysAborted() {
    CliHarness.Result r = cli.run("run", pb("on-failure-after-stop.yaml"), "--set", dir, "--non-interactive");
    assertEquals(3, r.code(), r.all());
    assertTrue(scratch("changed"));
    assertTrue(scratch("undone"), "the group's on-failure runs when the run stops inside it");
    assertFalse(scratch("never"));
    assertFalse(scratch("after"));
  }

  @Test
  void timeoutKillsTheCommandsWholeProcessGroup() throws Exception {
    CliHarness.Result r = cli.run("run", pb("timeout.yaml"), "--set", dir);
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("timed out after 1s"), r.err());
    long pid = Long.parseLong(Files.readString(cli.scratch.resolve("child.pid")).strip());
    // the kill is sent when the timeout expires; the process may take a moment to be gone
    ProcessHandle.of(pid).ifPresent(h -> h.onExit().completeOnTimeout(h, 10, java.util.concurrent.TimeUnit.SECONDS).join());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the background sleep survived");
  }

  @Test
  void aGroupsTimeoutKillsTheCommandRunningWhenItExpiresAndStartsNoOther() throws IOException {
    CliHarness.Result r = cli.run("run", pb("group-timeout.yaml"), "--set", dir);
    assertEquals(1, r.code(), r.all());
    assertTrue(scratch("quick"), "a command within the window runs to its end");
    assertFalse(scratch("slow"), "the command running when the window closed was killed");
    assertTrue(r.err().contains("the timeout of group `window` (2s) expired; the command's process group was killed"), r.err());
    assertFalse(scratch("after"), "no command starts after the window closed");
    assertTrue(r.err().contains("not started: the timeout of group `window` (2s) expired"), r.err());
    assertTrue(scratch("cleanup"), "on-failure runs after the group, outside its window");
  }

  @Test
  void outputFileIsRenamedOnSuccessAndLeftPartialOnFailure() throws IOException {
    CliHarness.Result r = cli.run("run", pb("output-file.yaml"), "--set", dir);
    assertEquals(1, r.code(), r.all());
    List<String> lines = Files.readAllLines(cli.scratch.resolve("dump.txt"));
    assertEquals(200000, lines.size());
    assertFalse(scratch("broken.txt"));
    try (var files = Files.list(cli.scratch)) {
      List<String> partials = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial")).toList();
      assertEquals(1, partials.size(), partials.toString());
      assertTrue(partials.get(0).startsWith(".broken.txt."), partials.toString());
      assertTrue(r.err().contains("what it wrote so far is in " + cli.scratch.resolve(partials.get(0))), r.err());
    }
  }

  @Test
  void readingTheStdoutOfAnOutputFileStepIsRefusedBeforeTheFirstStep() throws IOException {
    CliHarness.Result r = cli.run("run", pb("output-file-read.yaml"), "--set", dir);
    assertEquals(65, r.code(), r.all());
    assertFalse(Files.exists(cli.scratch.resolve("small.txt")), "nothing ran");
    assertTrue(r.err().contains("error[unknown-field]: `small.stdout`: step `small` (`run`) streams its stdout into its"
        + " `output-file`, so it keeps no `stdout`"), r.err());
  }

  @Test
  void readingATruncatedOutputFailsWithTheReason() throws IOException {
    CliHarness.Result r = cli.run("run", pb("truncated.yaml"));
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("step `big` output was truncated at 1KiB; raise `capture` or use `output-file`"), r.err());
    assertEquals(5000, Files.size(cli.runDir().resolve("steps/big.out")), "every byte is kept in the run directory");
  }

  @Test
  void injectedParamArrivesAsOneArgumentAndRunsNothing() throws IOException {
    Path marker = cli.scratch.resolve("p");
    String value = "a; touch " + marker + " $(id)";
    CliHarness.Result r = cli.run("run", pb("injection.yaml"), "--set", "x=" + value);
    assertEquals(0, r.code(), r.all());
    assertEquals("[" + value + "]\n", Files.readString(cli.runDir().resolve("steps/words.out")));
    assertEquals("<" + value + ">\n", Files.readString(cli.runDir().resolve("steps/list.out")));
    assertFalse(Files.exists(marker));
  }

  @Test
  void shellModeQuotesEveryValue() throws IOException {
    Path marker = cli.scratch.resolve("q");
    CliHarness.Result r = cli.run("run", pb("shell.yaml"), "--set", "x=it's a \"b\" $(touch " + marker + ") `x` ;|&");
    assertEquals(0, r.code(), r.all());
    assertFalse(Files.exists(marker));
  }

  @Test
  void runIdAndRunDirNameThisRunsDirectory() throws IOException {
    CliHarness.Result r = cli.run("run", pb("run-context.yaml"), "-v");
    assertEquals(0, r.code(), r.all());
    Path runDir = cli.runDir();
    assertTrue(r.out().contains(runDir.getFileName() + " " + runDir.resolve("journal.jsonl")), r.out());
  }

  @Test
  void dryRunRunsOnlyReadOnlyStepsAndShowsExpandedCommands() throws IOException {
    CliHarness.Result r = cli.run("run", pb("dry-run.yaml"), "--set", dir, "--dry-run");
    assertEquals(0, r.code(), r.all());
    assertTrue(scratch("probe-ran"));
    assertFalse(scratch("change-ran"));
    assertFalse(scratch("depends-ran"));
    assertTrue(r.out().contains("would run: touch " + cli.scratch.resolve("change-ran")), r.out());
    assertTrue(r.out().contains("would run: touch " + cli.scratch.resolve("depends-ran")), r.out());
    assertTrue(r.out().contains("would ask: Touch " + cli.scratch.resolve("change-ran") + "?"), r.out());
    assertTrue(String.join("\n", cli.journal()).contains("\"dry_run\":true"));
  }

  @Test
  void unansweredConfirmWithoutTerminalAbortsBeforeTheNextStep() throws IOException {
    CliHarness.Result r = cli.run("run", pb("confirm.yaml"), "--set", dir);
    assertEquals(3, r.code(), r.all());
    assertTrue(r.all().contains("--approve approve_write"), r.all());
    assertFalse(scratch("after"));
    String journal = String.join("\n", cli.journal());
    assertTrue(journal.contains("\"decision\":{\"approved\":false,"), journal);
    assertTrue(journal.contains("\"terminal\":\"none\""), journal);
  }

  @Test
  void yesApprovesEveryConfirm() throws IOException {
    CliHarness.Result r = cli.run("run", pb("confirm.yaml"), "--set", dir, "--yes");
    assertEquals(0, r.code(), r.all());
    assertTrue(scratch("after"));
    assertTrue(String.join("\n", cli.journal()).contains("\"decision\":{\"approved\":true,"));
  }

  @Test
  void approveIdApprovesThatConfirm() {
    CliHarness.Result r = cli.run("run", pb("confirm.yaml"), "--set", dir, "--approve", "approve_write");
    assertEquals(0, r.code(), r.all());
    assertTrue(scratch("after"));
  }

  @Test
  void approveOfAnUnknownStepIsAUsageError() {
    CliHarness.Result r = cli.run("run", pb("confirm.yaml"), "--set", dir, "--approve", "approve_writ");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("did you mean `approve_write`?"), r.err());
  }

  @Test
  void requiredStateIsWaitedFor() throws IOException {
    CliHarness.Result r = cli.run("run", pb("require-state.yaml"), "--set", dir, "--set", "mode=wait");
    assertEquals(0, r.code(), r.all());
    assertEquals("3", Files.readString(cli.scratch.resolve("n")).strip());
    assertTrue(scratch("after"));
  }

  @Test
  void requiredStateIsFixedThenProbedAgain() {
    CliHarness.Result r = cli.run("run", pb("require-state.yaml"), "--set", dir, "--set", "mode=fix");
    assertEquals(0, r.code(), r.all());
    assertTrue(scratch("ready"));
    assertTrue(scratch("after"));
  }

  @Test
  void unmetRequiredStateAbortsWithItsMessage() {
    CliHarness.Result r = cli.run("run", pb("require-state.yaml"), "--set", dir, "--set", "mode=abort");
    assertEquals(3, r.code(), r.all());
    assertTrue(r.all().contains("precondition not met: the device is still open: close it and run again"), r.all());
    assertFalse(scratch("after"));
  }

  @Test
  void secretNeverAppearsInOutputJournalReportOrLog() throws IOException {
    String secret = "s3cr3t-T0ken-value";
    CliHarness.Result r = cli.run("run", pb("secrets.yaml"), "--set", "token=" + secret, "-v");
    assertEquals(1, r.code(), r.all());
    assertFalse(r.all().contains(secret), r.all());
    assertTrue(r.all().contains("token is ***"), r.all());
    String everything = cli.everythingIn(cli.runDir());
    assertTrue(everything.contains("token is ***"), everything);
    assertFalse(everything.contains(secret), everything);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "it's a 'quoted' \"secret\" \\ value",
      "first-line-of-it\nsecond-line-of-it\nthird-line",
      "json \"\\\t\u0001 special",
      "long-secret-"})
  void aSecretIsMaskedInEveryFormItIsWrittenIn(String secret) throws IOException {
    String value = secret.equals("long-secret-") ? secret + "0123456789".repeat(1200) : secret;
    CliHarness.Result r = cli.run("run", pb("secret-forms.yaml"), "--set", "token=" + value, "-v");
    assertEquals(1, r.code(), r.all());
    String everything = r.all() + cli.everythingIn(cli.runDir());
    java.util.List<String> pieces = new java.util.ArrayList<>(java.util.List.of(value));
    pieces.addAll(java.util.Arrays.asList(value.split("\n")));
    pieces.add(value.replace("'", "'\\''"));
    pieces.add(value.substring(0, Math.min(value.length(), 40)));
    for (String piece : pieces) {
      assertFalse(everything.contains(piece), "`" + piece + "` leaked:\n" + everything);
    }
    assertTrue(r.all().contains("***"), r.all());
  }

  @Test
  void journalRecordsTheRunInOrderAndAChangeSeesItsOwnStartOnDisk() throws IOException {
    CliHarness.Result r = cli.run("run", pb("journal.yaml"), "--set", "state=" + cli.stateDir);
    assertEquals(0, r.code(), r.all());
    List<String> types = cli.journal().stream().map(l -> l.replaceAll("^\\{\"type\":\"([a-z-]+)\".*", "$1")).toList();
    assertEquals(List.of("run-started", "step-started", "command-started", "step-finished", "step-started", "step-finished", "run-finished"), types);
    // the command's pid and start time (-1 when it had already ended): a resume after the engine died checks whether it still runs
    String command = cli.journal().get(2);
    assertTrue(command.matches(".*\"step\":\"peek\",\"attempt\":1,\"pid\":[0-9]+,\"start_ticks\":-?[0-9]+,.*"), command);
    String started = cli.journal().get(0);
    assertTrue(started.contains("\"sha256\":\""), started);
    assertTrue(started.contains("\"engine\":\""), started);
    assertTrue(started.contains("\"user\":\""), started);
  }

  @Test
  void varsEnvAndRunDryAreInScopeAndOneExpressionVarsKeepTheirType() throws IOException {
    CliHarness.Result r = cli.run("run", pb("scope.yaml"), "--set", "who=ann");
    assertEquals(0, r.code(), r.all());
    assertEquals("hello ann|ann-3|" + tmp + "|false\n", Files.readString(cli.runDir().resolve("steps/show.out")));
    assertEquals("typed\n", Files.readString(cli.runDir().resolve("steps/typed.out")));
  }

  @Test
  void missingRequiredProgramsAreAllNamedAndTheRunAborts() {
    CliHarness.Result r = cli.run("run", pb("requires.yaml"));
    assertEquals(3, r.code(), r.all());
    assertTrue(r.all().contains("required programs not found on PATH: no-such-program-a, no-such-program-b"), r.all());
    assertFalse(r.out().contains("-- first"), r.out());
  }

  @Test
  void fromStartsAtTheStepInsideItsGroupAndEarlierResultsAreUnavailable() {
    CliHarness.Result r = cli.run("run", pb("from.yaml"), "--set", dir, "--from", "three");
    assertEquals(1, r.code(), r.all());
    assertFalse(scratch("one"));
    assertFalse(scratch("two"));
    assertTrue(scratch("three"));
    assertFalse(scratch("four"));
    assertTrue(r.err().contains("step `one` did not run: this run started at `three` (--from)"), r.err());
  }

  @Test
  void fromAnUnknownStepIsAUsageError() {
    CliHarness.Result r = cli.run("run", pb("from.yaml"), "--set", dir, "--from", "thre");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("--from: no step `thre`"), r.err());
    assertTrue(r.err().contains("did you mean `three`?"), r.err());
  }

  @Test
  void stateDirectoryThatCannotBeWrittenIsNamed() throws IOException {
    Path notADir = Files.writeString(tmp.resolve("file"), "x");
    CliHarness.Result r = cli.run("run", pb("succeeds.yaml"), "--state-dir", notADir.toString());
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("cannot write the state directory " + notADir + ": not a directory (ENOTDIR)"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void versionAndHelpExitZero() {
    CliHarness.Result v = cli.run("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("runbook "), v.out());
    CliHarness.Result h = cli.run("run", "--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("--dry-run"), h.out());
  }

  @Test
  void noCommandIsAUsageError() {
    CliHarness.Result r = cli.run();
    assertEquals(64, r.code(), r.all());
  }

  @Test
  void quietShowsOnlyTheOutcomeAndVerboseShowsCommandsAndOutput() {
    CliHarness.Result quiet = cli.run("run", pb("succeeds.yaml"), "-q");
    assertEquals(0, quiet.code(), quiet.all());
    assertFalse(quiet.out().contains("greet"), quiet.out());
    assertTrue(quiet.out().contains("run succeeded"), quiet.out());
    CliHarness.Result verbose = cli.run("run", pb("succeeds.yaml"), "-v");
    assertTrue(verbose.out().contains("$ printf"), verbose.out());
    assertTrue(verbose.out().contains("| hello"), verbose.out());
  }

  @Test
  void verboseAndQuietTogetherAreAUsageError() {
    assertEquals(64, cli.run("run", pb("succeeds.yaml"), "-v", "-q").code());
  }

  @Test
  void stdinEnvCwdAndExpectExitReachTheCommand() throws IOException {
    CliHarness.Result r = cli.run("run", pb("run-keys.yaml"), "--set", dir);
    assertEquals(0, r.code(), r.all());
    Path steps = cli.runDir().resolve("steps");
    assertEquals("hello ann\n", Files.readString(steps.resolve("fed.out")));
    assertEquals(cli.scratch.toRealPath() + " ann C\n", Files.readString(steps.resolve("where.out")));
    assertEquals("seen\n", Files.readString(steps.resolve("five_seen.out")));
  }

  @Test
  void tablesAreReadFromAStepOrTheirOwnCommandAndABadRowNamesItsLine() throws IOException {
    CliHarness.Result r = cli.run("run", pb("table.yaml"));
    assertEquals(1, r.code(), r.all());
    assertEquals("typed\n", Files.readString(cli.runDir().resolve("steps/sum_ok.out")));
    assertTrue(r.err().contains("line 2"), r.err());
    assertTrue(r.err().contains("b|2|extra"), r.err());
  }

  @Test
  void requireStateProbesWithATableOrAnEarlierStepAndNamesWhatIsWrong() {
    CliHarness.Result r = cli.run("run", pb("table-probe.yaml"));
    assertEquals(3, r.code(), r.all());
    assertTrue(r.out().contains("ok        closed"), r.out());
    assertTrue(r.out().contains("ok        again"), r.out());
    assertTrue(r.all().contains("precondition not met: still open: pve-root"), r.all());
  }
}
