package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO or a device given where a file is expected (playbook, scenario, variant base, params file,
 * journal): refused with a message that says what it is, never opened (a FIFO blocks the open until
 * someone writes) and never read to its end ({@code /dev/zero} has none). Each case would hang or
 * run out of memory without the check, so each has a timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpecialFilesTest {
  @TempDir Path tmp;
  private CliHarness cli;
  private Path fifo;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(tmp);
    fifo = tmp.resolve("pipe.yaml");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
  }

  @Test
  void lintRefusesAFifoAndADeviceAndGoesOnWithTheOtherFiles() {
    CliHarness.Result r = cli.run("lint", fifo.toString(), "/dev/zero", CliHarness.playbook("succeeds.yaml"));
    assertEquals(1, r.code(), r.all());
    assertTrue(r.out().contains(fifo + ":1:1: error[unreadable-file]: " + fifo + " is a FIFO (named pipe), not a regular file"), r.all());
    assertTrue(r.out().contains("/dev/zero:1:1: error[unreadable-file]: /dev/zero is a character device, not a regular file"), r.all());
    assertTrue(r.out().contains("in 3 files"), r.all());
  }

  @Test
  void testRefusesAFifoScenario() throws IOException {
    Path scenario = tmp.resolve("x.scenario.yaml");
    Files.move(fifo, scenario);
    CliHarness.Result r = cli.run("test", scenario.toString(), "/dev/zero");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.all().contains(scenario + " is a FIFO (named pipe), not a regular file"), r.all());
    assertTrue(r.all().contains("/dev/zero is a character device, not a regular file"), r.all());
  }

  @Test
  void runNamesWhatTheFileIsInsteadOfSayingItDoesNotExist() {
    for (List<String> args : List.of(
        List.of("run", fifo.toString()),
        List.of("run", "/dev/zero"),
        List.of("run", CliHarness.playbook("succeeds.yaml"), "--params", fifo.toString()),
        List.of("run", CliHarness.playbook("succeeds.yaml"), "--simulate", "/dev/zero"),
        List.of("render", fifo.toString()),
        List.of("doc", "/dev/zero"))) {
      CliHarness.Result r = cli.run(args.toArray(String[]::new));
      assertEquals(66, r.code(), args + ": " + r.all());
      assertTrue(r.err().contains("is a FIFO (named pipe), not a regular file") || r.err().contains("is a character device, not a regular file"),
          args + ": " + r.all());
      assertTrue(!r.err().contains("no such"), r.all());
    }
  }

  @Test
  void aVariantWhoseBaseIsAFifoIsAnError() throws IOException {
    Path variant = Files.writeString(tmp.resolve("site.yaml"), "runbook: 1\nextends: pipe.yaml\nname: site\n");
    CliHarness.Result r = cli.run("lint", variant.toString());
    assertEquals(1, r.code(), r.all());
    assertTrue(r.out().contains("the base playbook " + fifo + " is a FIFO (named pipe), not a regular file"), r.all());
  }

  @Test
  void aJournalThatIsAFifoIsReportedByRunsShowAndResume() throws IOException, InterruptedException {
    String id = "20261125-170000-succeeds-abcd";
    Path run = Files.createDirectories(cli.stateDir.resolve("runs").resolve(id));
    assertEquals(0, new ProcessBuilder("mkfifo", run.resolve("journal.jsonl").toString()).start().waitFor());
    CliHarness.Result runs = cli.run("runs");
    assertEquals(0, runs.code(), runs.all());
    assertTrue(runs.out().contains(id) && runs.out().contains("damaged"), runs.all());
    CliHarness.Result show = cli.run("show", id);
    assertEquals(65, show.code(), show.all());
    assertTrue(show.err().contains("journal.jsonl is a FIFO (named pipe), not a regular file"), show.all());
    CliHarness.Result resume = cli.run("resume", id);
    assertEquals(1, resume.code(), resume.all());
    assertTrue(resume.err().contains("journal.jsonl is a FIFO (named pipe), not a regular file"), resume.all());
  }

  @Test
  void aNulInAParamIsRefusedBeforeTheFirstStep() throws IOException {
    Path params = Files.writeString(tmp.resolve("params.yaml"), "value: \"a\\0b\"\n");
    for (List<String> given : List.of(List.of("--set", "value=a\0b"), List.of("--params", params.toString()))) {
      List<String> args = new java.util.ArrayList<>(List.of("run", CliHarness.playbook("nul-param.yaml"), "--set", "dir=" + cli.scratch));
      args.addAll(given);
      CliHarness.Result r = cli.run(args.toArray(String[]::new));
      assertEquals(64, r.code(), r.all());
      assertTrue(r.err().contains("param `value`: holds a NUL character (at offset 1); no command argument, environment variable or path can hold one"), r.all());
      assertTrue(!Files.exists(cli.scratch.resolve("changed")), "a step ran before the value was refused");
    }
  }
}
