package runbook.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a command ended.
 *
 * @param exitCode the exit status; 128 + the signal number when a signal killed it, as shells
 *     report it (143 after SIGTERM, 137 after SIGKILL)
 * @param stdout what is kept in memory of stdout; with an output file it is empty and {@code
 *     truncated} whenever stdout wrote anything, so nobody mistakes it for the output
 * @param stderr what is kept in memory of stderr
 * @param timedOut true when the timeout expired and the process group was killed
 * @param duration from start until the command and its output streams ended
 * @param stdoutBytes every byte stdout wrote
 * @param stderrBytes every byte stderr wrote
 * @param partialFile the {@code .<name>.<random>.partial} file left behind because the command failed or
 *     timed out; null when there was no output file or it was renamed into place
 */
public record CommandOutcome(
    int exitCode,
    Capture stdout,
    Capture stderr,
    boolean timedOut,
    Duration duration,
    long stdoutBytes,
    long stderrBytes,
    Path partialFile) {

  public CommandOutcome {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
  }

  /** An outcome without an output file, as a simulated host produces it. */
  public CommandOutcome(
      int exitCode, Capture stdout, Capture stderr, boolean timedOut, Duration duration, long stdoutBytes, long stderrBytes) {
    this(exitCode, stdout, stderr, timedOut, duration, stdoutBytes, stderrBytes, null);
  }
}
