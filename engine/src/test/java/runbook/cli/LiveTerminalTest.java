package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live display on a real pseudo-terminal (util-linux {@code script} gives the engine one): the
 * engine must see the terminal by itself, redraw the running step in place, and leave the command
 * line and the outcome on screen.
 */
class LiveTerminalTest {
  @TempDir Path tmp;

  private static String quoted(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Test
  void onATerminalTheRunningStepIsRedrawnInPlace() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String engine = String.join(" ", quoted(java), "-cp", quoted(System.getProperty("java.class.path")),
        "runbook.cli.Main", "run", quoted(CliHarness.playbook("live.yaml")), "--yes",
        "--state-dir", quoted(tmp.resolve("state").toString()));
    Path screen = tmp.resolve("screen.txt");
    ProcessBuilder pb = new ProcessBuilder(List.of("script", "-qec", engine, "/dev/null"));
    pb.environment().remove("NO_COLOR");
    pb.environment().put("TERM", "xterm");
    pb.redirectErrorStream(true).redirectOutput(screen.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not end");
    String shown = Files.readString(screen, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), shown);

    // the block of the running step (its title and last output lines) moves up over itself and is drawn again
    assertTrue(Pattern.compile("\033\\[[2-9]F\033\\[J").matcher(shown).find(), "no redraw in:\n" + shown);
    assertTrue(shown.contains("line 4"), shown);
    assertTrue(shown.contains("$ sh -c 'for i in 1 2 3 4;"), "the command line is shown:\n" + shown);
    assertTrue(shown.contains("\033[32mok\033[0m Count slowly"), "the step ends in green:\n" + shown);
    assertTrue(shown.contains("run succeeded"), shown);
  }

  @Test
  void aDumbTerminalGetsThePlainLinesWithoutEscapes() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String engine = String.join(" ", quoted(java), "-cp", quoted(System.getProperty("java.class.path")),
        "runbook.cli.Main", "run", quoted(CliHarness.playbook("live.yaml")), "--yes",
        "--state-dir", quoted(tmp.resolve("state").toString()));
    Path screen = tmp.resolve("screen.txt");
    ProcessBuilder pb = new ProcessBuilder(List.of("script", "-qec", engine, "/dev/null"));
    pb.environment().remove("NO_COLOR");
    pb.environment().put("TERM", "dumb");
    pb.redirectErrorStream(true).redirectOutput(screen.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not end");
    String shown = Files.readString(screen, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), shown);
    assertTrue(!shown.contains("\033"), "cursor movement or colour on a dumb terminal:\n" + shown);
    assertTrue(shown.contains("-- count: Count slowly"), "the plain start line:\n" + shown);
    assertTrue(shown.contains("run succeeded"), shown);
  }
}
