import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import runbook.process.CommandOutcome;
import runbook.process.CommandRequest;
import runbook.process.LocalHost;
import runbook.process.OutputListener;

/**
 * Runs {@code head -c SIZE /dev/zero} through LocalHost, so the peak memory of a command with a
 * large output can be measured from outside. Modes: {@code output-file} (stdout streamed to a
 * file), {@code capture} (stdout to the step log, 8 MiB kept in memory), {@code baseline} (runs
 * {@code true}: what the JVM alone costs).
 */
public final class OutputMemory {
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String size = args[1];
    Path work = Path.of(args[2]);
    List<String> argv = mode.equals("baseline") ? List.of("true") : List.of("head", "-c", size, "/dev/zero");
    CommandRequest request = CommandRequest.of(
        argv, Map.of("PATH", System.getenv("PATH")), work.resolve("step.out"), work.resolve("step.err"));
    if (mode.equals("output-file")) {
      request = request.withOutputFile(work.resolve("dump.bin"));
    }
    CommandOutcome outcome = new LocalHost().run(request, OutputListener.NONE);
    System.out.printf("%-12s exit %d, stdout %d bytes, kept in memory %d chars (truncated: %s), %.1f s%n",
        mode, outcome.exitCode(), outcome.stdoutBytes(), outcome.stdout().text().length(),
        outcome.stdout().truncated(), outcome.duration().toMillis() / 1000.0);
    for (String name : List.of("dump.bin", "step.out")) {
      Files.deleteIfExists(work.resolve(name));
    }
  }
}
