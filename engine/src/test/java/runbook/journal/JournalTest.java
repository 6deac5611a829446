package runbook.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path tmp;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T16:30:00Z"), ZoneOffset.UTC);

  @Test
  void recordsAreOneJsonObjectPerLineWithTypeAndTimeFirst() throws Exception {
    Path file = tmp.resolve("journal.jsonl");
    try (Journal j = Journal.open(file, s -> s, clock)) {
      j.append(new JournalRecord.Waiting(null, "dump", false), true);
    }
    assertEquals(List.of("{\"type\":\"waiting\",\"time\":\"2026-11-25T16:30:00Z\",\"step\":\"dump\",\"typed\":false}"), Files.readAllLines(file));
  }

  @Test
  void everyValueIsMaskedEvenInsideNestedValues() throws Exception {
    Path file = tmp.resolve("journal.jsonl");
    try (Journal j = Journal.open(file, s -> s.replace("hunter2", "***"), clock)) {
      j.append(new JournalRecord.RunStarted(null, "r", "p.yaml", "p", "00", List.of(), Map.of("token", "hunter2", "argv", List.of("curl", "-u", "me:hunter2")),
          "u", "h", "0", false, false, null), false);
    }
    String text = Files.readString(file);
    assertTrue(!text.contains("hunter2") && text.contains("me:***"), text);
  }

  @Test
  void appendingToAnExistingJournalKeepsWhatWasThere() throws Exception {
    Path file = tmp.resolve("journal.jsonl");
    try (Journal j = Journal.open(file, s -> s, clock)) {
      j.append(new JournalRecord.Waiting(null, "a", false), true);
    }
    try (Journal j = Journal.open(file, s -> s, clock)) {
      j.append(new JournalRecord.RunEnded(null, "succeeded", null, 1L, null), true);
    }
    assertEquals(2, JournalReader.read(file).records().size());
  }

  @Test
  void readerReportsATornLastLineInsteadOfFailing() throws Exception {
    Path file = tmp.resolve("journal.jsonl");
    Files.writeString(file, "{\"type\":\"run-started\",\"time\":\"t\"}\n{\"type\":\"step-sta");
    JournalReader.Contents c = JournalReader.read(file);
    assertEquals(1, c.records().size());
    assertEquals("run-started", c.records().get(0).get("type"));
    assertEquals("{\"type\":\"step-sta", c.tornLine());
  }

  @Test
  void readerOfACleanJournalHasNoTornLine() throws Exception {
    Path file = tmp.resolve("journal.jsonl");
    Files.writeString(file, "{\"type\":\"run-started\"}\n");
    assertNull(JournalReader.read(file).tornLine());
  }

  @Test
  void damagedRecordInTheMiddleIsAnErrorNamingTheLine() throws Exception {
    Path file = tmp.resolve("journal.jsonl");
    Files.writeString(file, "{\"type\":\"run-started\"}\nnot json\n{\"type\":\"run-finished\"}\n");
    JournalException e = assertThrows(JournalException.class, () -> JournalReader.read(file));
    assertTrue(e.getMessage().contains("journal.jsonl:2:"), e.getMessage());
  }

  @Test
  void runIdsSortByStartTimeAndNameThePlaybook() {
    String early = RunId.create(Instant.parse("2026-11-25T16:30:00Z"), "repair");
    String late = RunId.create(Instant.parse("2026-11-25T16:30:01Z"), "repair");
    assertTrue(early.matches("20261125-163000-repair-[0-9a-f]{4}"), early);
    assertTrue(early.compareTo(late) < 0);
    assertTrue(RunId.isValid(early));
    assertTrue(!RunId.isValid("../../etc"));
  }

  @Test
  void stateDirectoryFollowsOptionThenEnvironmentThenUserDefaults() {
    Path home = Path.of("/home/op");
    assertEquals(Path.of("/x"), StateDirectory.resolve(Path.of("/x"), Map.of("RUNBOOK_STATE_DIR", "/y"), "op", home));
    assertEquals(Path.of("/y"), StateDirectory.resolve(null, Map.of("RUNBOOK_STATE_DIR", "/y"), "op", home));
    assertEquals(Path.of("/var/lib/runbook"), StateDirectory.resolve(null, Map.of(), "root", home));
    assertEquals(Path.of("/s/runbook"), StateDirectory.resolve(null, Map.of("XDG_STATE_HOME", "/s"), "op", home));
    assertEquals(Path.of("/home/op/.local/state/runbook"), StateDirectory.resolve(null, Map.of("XDG_STATE_HOME", "rel"), "op", home));
  }

  @Test
  void stepOutputsOfRetriesDoNotOverwriteTheFirst() throws Exception {
    RunDirectory d = RunDirectory.create(tmp, "20261125-163000-x-abcd");
    assertEquals(tmp.resolve("runs/20261125-163000-x-abcd/steps/dump.out"), d.stdout("dump", 1));
    assertEquals(tmp.resolve("runs/20261125-163000-x-abcd/steps/dump-2.err"), d.stderr("dump", 2));
    assertTrue(Files.isDirectory(tmp.resolve("runs/20261125-163000-x-abcd/steps")));
  }
}
