package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run directories written by the release before the typed journal (resources {@code journal-v1/}):
 * they must still be listed, shown and resumed. Each was made by a real run of {@code fixture.yaml}
 * with the secret param {@code token=s3cr3t-token}: one that succeeded, one declined at its confirm
 * on a terminal, one stopped ({@code runbook stop}) while its confirm waited, one whose engine and
 * command were killed (SIGKILL) during the change, and the stopped one after a resume to its end.
 *
 * <p>A journal records the absolute path of the playbook it ran ({@code /tmp/rbfix/fixture.yaml}
 * where these were made). A resume reads the playbook there, so the test puts the playbook in its
 * own directory and rewrites that one path in the copied journal, as an operator whose playbook
 * moved would have to; nothing else in the fixtures is changed.
 */
class OldJournalTest {
  static final String RECORDED_PLAYBOOK = "/tmp/rbfix/fixture.yaml";
  static final String SECRET = "s3cr3t-token";
  static final String SUCCEEDED = "20261203-150959-journal-fixture-5798";
  static final String DECLINED = "20261203-151011-journal-fixture-bf78";
  static final String STOPPED = "20261203-151022-journal-fixture-13fd";
  static final String KILLED = "20261203-151139-journal-fixture-4a71";

  @TempDir Path tmp;
  CliHarness cli;
  Path playbook;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.env.put("TOK", SECRET);
    playbook = Files.createDirectories(tmp.resolve("playbooks")).resolve("fixture.yaml");
    Files.copy(fixture("fixture.yaml"), playbook);
  }

  static Path fixture(String name) {
    try {
      return Path.of(OldJournalTest.class.getResource("/journal-v1/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies one fixture's run directory into the state directory, private as the engine keeps it. */
  private Path install(String kind, String runId) throws IOException {
    Path runs = Files.createDirectories(cli.stateDir.resolve("runs"));
    Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("rwx------"));
    Path from = fixture(kind + "/" + runId);
    Path to = runs.resolve(runId);
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        } else {
          Files.copy(p, target);
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        }
      }
    }
    Path journal = to.resolve("journal.jsonl");
    Files.writeString(journal, Files.readString(journal).replace(RECORDED_PLAYBOOK, playbook.toString()));
    return to;
  }

  private List<String> journalTypes(Path runDir) throws IOException {
    return Files.readAllLines(runDir.resolve("journal.jsonl")).stream()
        .map(l -> l.replaceAll("^\\{\"type\":\"([a-z-]+)\".*", "$1")).toList();
  }

  private String journal(Path runDir) throws IOException {
    return Files.readString(runDir.resolve("journal.jsonl"));
  }

  @Test
  void runsListsEveryOldRunWithItsOutcome() throws Exception {
    install("succeeded", SUCCEEDED);
    install("declined", DECLINED);
    install("stopped-at-confirm", STOPPED);
    install("killed-mid-change", KILLED);
    CliHarness.Result r = cli.run("runs", "--json");
    assertEquals(0, r.code(), r.all());
    for (String expected : List.of(
        "\"run\":\"" + SUCCEEDED + "\",\"playbook\":\"journal-fixture\",\"started\":\"2026-12-03T15:10:01Z\",\"outcome\":\"succeeded\"",
        "\"run\":\"" + DECLINED + "\"", "\"outcome\":\"aborted\"",
        "\"run\":\"" + STOPPED + "\"", "\"outcome\":\"interrupted\"",
        "\"run\":\"" + KILLED + "\"", "\"outcome\":\"stopped\"")) {
      assertTrue(r.out().replace(" ", "").replace("\n", "").contains(expected.replace(" ", "")), expected + " in " + r.out());
    }
  }

  @Test
  void showReadsEachOldRun() throws Exception {
    install("succeeded", SUCCEEDED);
    install("declined", DECLINED);
    install("killed-mid-change", KILLED);
    CliHarness.Result ok = cli.run("show", SUCCEEDED, "--json");
    assertEquals(0, ok.code(), ok.all());
    String flat = ok.out().replace(" ", "").replace("\n", "");
    assertTrue(flat.contains("{\"step\":\"change\",\"status\":\"ok\",\"duration_ms\":126,\"exit\":0}"), flat);
    CliHarness.Result declined = cli.run("show", DECLINED, "--json");
    assertEquals(0, declined.code(), declined.all());
    assertTrue(declined.out().replace(" ", "").contains("\"step\":\"approve\",\"status\":\"aborted\""), declined.out());
    CliHarness.Result killed = cli.run("show", KILLED, "--json");
    assertEquals(0, killed.code(), killed.all());
    flat = killed.out().replace(" ", "").replace("\n", "");
    assertTrue(flat.contains("\"outcome\":\"stopped\""), flat);
    assertTrue(flat.contains("{\"step\":\"change\",\"status\":\"interrupted\"}"), flat);
    CliHarness.Result text = cli.run("show", DECLINED);
    assertEquals(0, text.code(), text.all());
    assertTrue(text.out().contains("confirm `approve` was declined"), text.out());
  }

  @Test
  void aSucceededOldRunHasNothingToResume() throws Exception {
    install("succeeded", SUCCEEDED);
    CliHarness.Result r = cli.run("resume", SUCCEEDED, "--set-from-env", "token=TOK", "--yes");
    assertEquals(64, r.code(), r.all());
  }

  @Test
  void aDeclinedOldRunResumesAtItsConfirm() throws Exception {
    Path dir = install("declined", DECLINED);
    CliHarness.Result r = cli.run("resume", DECLINED, "--set-from-env", "token=TOK", "--yes", "--non-interactive");
    assertEquals(0, r.code(), r.all());
    String j = journal(dir);
    assertTrue(j.contains("\"step\":\"change\",\"status\":\"ok\""), j);
    assertTrue(j.contains("\"step\":\"after\",\"status\":\"ok\""), j);
    // the steps that went well before are not run again
    assertEquals(1, journalTypes(dir).stream().filter("run-resumed"::equals).count());
    assertEquals(1, j.split("\"step\":\"look\",\"status\":\"ok\"", -1).length - 1, j);
    assertFalse(cli.everythingIn(dir).contains(SECRET), "the secret was stored");
  }

  @Test
  void anOldRunStoppedAtItsConfirmAsksAgainAndGoesOn() throws Exception {
    Path dir = install("stopped-at-confirm", STOPPED);
    CliHarness.Result refused = cli.run("resume", STOPPED, "--set-from-env", "token=TOK", "--non-interactive");
    assertEquals(3, refused.code(), refused.all());
    CliHarness.Result r = cli.run("resume", STOPPED, "--set-from-env", "token=TOK", "--approve", "approve", "--non-interactive");
    assertEquals(0, r.code(), r.all());
    assertTrue(journal(dir).contains("\"step\":\"after\",\"status\":\"ok\""), journal(dir));
  }

  @Test
  void anOldRunKilledDuringItsChangeAsksAboutTheChange() throws Exception {
    Path dir = install("killed-mid-change", KILLED);
    CliHarness.Result ask = cli.run("resume", KILLED, "--set-from-env", "token=TOK", "--yes", "--non-interactive");
    assertEquals(3, ask.code(), ask.all());
    assertTrue(ask.err().contains("step `change` changes the system and was running"), ask.err());
    assertTrue(ask.err().contains("--rerun-interrupted") && ask.err().contains("--mark-done"), ask.err());
    CliHarness.Result done = cli.run("resume", KILLED, "--set-from-env", "token=TOK", "--yes", "--non-interactive", "--mark-done", "change");
    assertEquals(0, done.code(), done.all());
    String j = journal(dir);
    // the change was marked done, not run a second time
    assertEquals(1, j.split("\"command-started\"[^\\n]*\"step\":\"change\"", -1).length - 1, j);
    assertTrue(j.contains("\"step\":\"after\",\"status\":\"ok\""), j);
  }

  @Test
  void anOldResumedRunReadsAsOneRun() throws Exception {
    Path dir = install("resumed", STOPPED);
    CliHarness.Result r = cli.run("runs", "--json");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().replace(" ", "").contains("\"outcome\":\"succeeded\""), r.out());
    CliHarness.Result again = cli.run("resume", STOPPED, "--set-from-env", "token=TOK", "--yes");
    assertEquals(64, again.code(), again.all());
    assertTrue(journalTypes(dir).contains("lock-taken-over"));
  }

  /**
   * A secret of one character masks only what can carry it (the command's output, values,
   * messages), never the journal's structure: the run id and the playbook's path both hold an
   * {@code x} here, and a resume must still find the run's playbook.
   */
  @Test
  void aOneCharacterSecretMasksNoPathOrIdAndTheRunResumes() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("x-files"));
    Path pb = dir.resolve("fixture.yaml");
    Files.copy(fixture("fixture.yaml"), pb);
    cli.env.put("ONE", "x");
    CliHarness.Result stopped = cli.run("run", pb.toString(), "--set-from-env", "token=ONE", "--non-interactive");
    assertEquals(3, stopped.code(), stopped.all());
    Path runDir = cli.runDir();
    String id = runDir.getFileName().toString();
    String started = Files.readAllLines(runDir.resolve("journal.jsonl")).get(0);
    assertTrue(started.contains("\"run\":\"" + id + "\""), started);
    assertTrue(started.contains("\"path\":\"" + pb + "\""), started);
    assertTrue(started.contains("\"name\":\"journal-fixture\""), started);
    assertTrue(started.contains("\"token\":\"***\""), started);
    // what carries the secret is still masked: the command's output
    assertEquals("***", Files.readString(runDir.resolve("steps/use_token.out")));

    CliHarness.Result resumed = cli.run("resume", id, "--set-from-env", "token=ONE", "--approve", "approve", "--non-interactive");
    assertEquals(0, resumed.code(), resumed.all());
    assertTrue(journal(runDir).contains("\"step\":\"after\",\"status\":\"ok\""), journal(runDir));
  }
}
