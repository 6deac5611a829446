package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A param of 3 MB used in a title and three commands: the journal keeps it whole once (for resume)
 * and cuts the fields that only show what happened; the report shows it cut. Their sizes stay
 * proportional to the value, where they were twenty times it.
 */
class LargeValueTest {
  private static final int SIZE = 3_000_000;

  @TempDir Path tmp;

  @Test
  void theJournalHoldsALargeValueOnceAndTheReportCutsIt() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    Path params = tmp.resolve("params.yaml");
    Files.writeString(params, "big: " + "v".repeat(SIZE) + "\n");
    CliHarness.Result r = cli.run("run", CliHarness.playbook("large-param.yaml"), "--params", params.toString(),
        "--non-interactive", "-v");
    assertEquals(0, r.code(), r.all().length() > 2000 ? r.all().substring(0, 2000) : r.all());
    long journal = Files.size(cli.runDir().resolve("journal.jsonl"));
    long report = Files.size(cli.runDir().resolve("report.md"));
    long events = Files.size(cli.runDir().resolve("events.jsonl"));
    System.out.println("large value: a " + SIZE + "-byte param made a " + journal + "-byte journal, a "
        + report + "-byte report, a " + events + "-byte events.jsonl; " + r.all().length() + " characters on the screen with -v");
    assertTrue(journal < SIZE + 256 * 1024, "journal of " + journal + " bytes");
    assertTrue(report < 64 * 1024, "report of " + report + " bytes");
    assertTrue(events < 64 * 1024, "events.jsonl of " + events + " bytes");
    assertTrue(r.all().length() < 64 * 1024, "screen output of " + r.all().length() + " characters");
    assertTrue(r.all().contains("longer than the kernel takes, 128 KiB each"), "E2BIG explained");
  }
}
