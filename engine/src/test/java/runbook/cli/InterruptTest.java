package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a real {@code runbook run} process while its command runs. */
class InterruptTest {
  @TempDir Path tmp;

  @Test
  void sigtermKillsTheCommandJournalsTheInterruptionAndExits130() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "runbook.cli.Main",
        "run", CliHarness.playbook("sleeps.yaml"), "--set", "dir=" + cli.scratch);
    pb.environment().put("RUNBOOK_STATE_DIR", cli.stateDir.toString());
    pb.redirectOutput(tmp.resolve("out.txt").toFile());
    pb.redirectError(tmp.resolve("err.txt").toFile());
    Process runbook = pb.start();
    Path pidFile = cli.scratch.resolve("sh.pid");
    // the command writes its pid just before it execs sleep: then the step is running
    for (int i = 0; i < 600 && (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()); i++) {
      Thread.sleep(50);
    }
    long sleepPid = Long.parseLong(Files.readString(pidFile).strip());
    runbook.destroy(); // SIGTERM
    assertTrue(runbook.waitFor(60, TimeUnit.SECONDS), "runbook did not exit");
    assertEquals(130, runbook.exitValue(), Files.readString(tmp.resolve("err.txt")));
    ProcessHandle.of(sleepPid).ifPresent(h -> h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join());
    assertFalse(ProcessHandle.of(sleepPid).map(ProcessHandle::isAlive).orElse(false), "the command survived");
    List<String> journal = cli.journal();
    String last = journal.get(journal.size() - 1);
    assertTrue(last.startsWith("{\"type\":\"run-interrupted\""), last);
    assertTrue(last.contains("\"step\":\"nap\""), last);
    assertTrue(String.join("\n", journal).contains("\"status\":\"interrupted\""));
  }
}
