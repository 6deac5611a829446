package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.json.Json;
import runbook.lint.RunReadiness;
import runbook.model.Playbook;

/**
 * A secret of one character ({@code x}) is in the run's id (the playbook's name), the run
 * directory's path, a step id, a key ({@code expect-exit}) and a param's name: every file of the
 * run directory masks it field by field, as the journal does, so that none of that structure is
 * changed. The events file still names the run, its directory and the command that continues it;
 * {@code params.json} keeps the params' names; the playbook's copy still reads as the playbook that
 * ran; the report and the last screen show the run id, the step ids and the resume command as they
 * are; and the run resumes.
 */
class FieldMaskingTest {
  @TempDir Path tmp;

  @Test
  void aOneCharacterSecretMasksNoStructureInTheRunDirectoryOrOnTheScreen() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    Path dir = Files.createDirectories(tmp.resolve("x-files"));
    Path pb = dir.resolve("x-secret.yaml");
    Files.copy(Path.of(CliHarness.playbook("x-secret.yaml")), pb);
    cli.env.put("ONE", "x");
    CliHarness.Result stopped = cli.run("run", pb.toString(), "--set-from-env", "token=ONE", "--non-interactive");
    assertEquals(3, stopped.code(), stopped.all());
    Path runDir = cli.runDir();
    String id = runDir.getFileName().toString();
    assertTrue(id.contains("x-fixture"), id);

    // events.jsonl: ids, paths and the resume command as they are; the text that carries the secret masked
    List<Map<String, Object>> events = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("events.jsonl"))) {
      @SuppressWarnings("unchecked") Map<String, Object> event = (Map<String, Object>) Json.parse(line);
      events.add(event);
    }
    Map<String, Object> started = first(events, "run-started");
    assertEquals(id, started.get("run"), started.toString());
    assertEquals(runDir.toString(), started.get("run_dir"), started.toString());
    assertTrue(events.stream().anyMatch(e -> "step-started".equals(e.get("event")) && "extend_probe".equals(e.get("step"))),
        events.toString());
    assertTrue(events.stream().anyMatch(e -> "output".equals(e.get("event")) && "***".equals(e.get("line"))), events.toString());
    assertFalse(events.stream().anyMatch(e -> "output".equals(e.get("event")) && String.valueOf(e.get("line")).contains("x")),
        "a command's output still shows the secret: " + events);
    Map<String, Object> finished = first(events, "run-finished");
    assertEquals(runDir.resolve("report.md").toString(), finished.get("report"), finished.toString());
    assertTrue(String.valueOf(finished.get("resume")).startsWith("runbook resume " + id + " "), finished.toString());
    @SuppressWarnings("unchecked") Map<String, Object> at = (Map<String, Object>) finished.get("stopped_at");
    assertEquals("approve_extension", at.get("step"), finished.toString());
    assertEquals("Approve the e***tension", at.get("title"), "a title is text, masked as before: " + finished);

    // params.json: the names as they are, every value masked
    @SuppressWarnings("unchecked")
    Map<String, Object> params = (Map<String, Object>) Json.parse(Files.readString(runDir.resolve("params.json")));
    assertEquals(Map.of("token", "***", "max_extent", "***l"), params);

    // the copy of the playbook: the same structure, read as a playbook again; what carries text masked
    String copy = Files.readString(runDir.resolve("playbook.yaml"));
    assertTrue(copy.contains("name: x-fixture\n"), copy);
    assertTrue(copy.contains("expect-exit: [0]"), copy);
    assertTrue(copy.contains("- id: extend_probe\n"), copy);
    assertTrue(copy.contains("of: extend_probe\n"), copy);
    assertTrue(copy.contains("max_extent:\n"), copy);
    assertTrue(copy.contains("default: \"***\"\n"), "the secret's default, quoted so that it is no alias: " + copy);
    assertTrue(copy.contains("title: \"E***tend the pool\"\n"), copy);
    assertTrue(copy.contains("#"), "the comment stays a comment: " + copy);
    Path copied = Files.writeString(tmp.resolve("copy.yaml"), copy);
    Playbook reread = RunReadiness.load(copied);
    assertEquals("x-fixture", reread.name());
    assertEquals(List.of("extend_probe", "check_extent", "use_token", "approve_extension", "extend"),
        reread.steps().stream().map(s -> s.id()).toList());

    // report.md and the last screen: the run, its steps and the command that continues it as they are
    String report = Files.readString(runDir.resolve("report.md"));
    assertTrue(report.contains("- run: `" + id + "`"), report);
    assertTrue(report.contains("| extend_probe | ok |"), report);
    assertTrue(report.contains("runbook resume " + id + " "), report);
    assertTrue(report.contains("# E***tend the pool after a probe"), report);
    assertTrue(stopped.out().contains("run " + id + "  " + runDir), stopped.out());
    assertTrue(stopped.out().contains("report: " + runDir.resolve("report.md")), stopped.out());
    assertTrue(stopped.err().contains("\nrunbook resume " + id + " "), stopped.err());
    assertTrue(stopped.err().contains("at step `approve_extension`: Approve the e***tension"), stopped.err());

    CliHarness.Result resumed = cli.run("resume", id, "--set-from-env", "token=ONE", "--approve", "approve_extension", "--non-interactive");
    assertEquals(0, resumed.code(), resumed.all());
  }

  private static Map<String, Object> first(List<Map<String, Object>> events, String kind) {
    return events.stream().filter(e -> kind.equals(e.get("event"))).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + events));
  }
}
