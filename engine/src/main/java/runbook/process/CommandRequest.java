package runbook.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command to run, complete: nothing is taken from the engine's own environment.
 *
 * @param argv the program and its arguments, handed to the program as they are: no shell, no
 *     splitting, no expansion (shell steps arrive as {@code [bash, -o, errexit, ..., -c, script]})
 * @param env the child's whole environment; the caller merges the engine's environment and the
 *     playbook's {@code env} into it
 * @param cwd working directory; null runs in the engine's working directory
 * @param stdin text written to standard input as UTF-8, which is then closed; null gives an
 *     empty standard input (never the operator's terminal)
 * @param timeout the whole process group is killed when it expires; null waits forever
 * @param stdoutLog receives every byte of stdout, appended (the run directory's {@code
 *     steps/<id>.out}); with {@code outputFile} it is created but stays empty, so a dump of
 *     gigabytes is not written twice
 * @param stderrLog receives every byte of stderr, appended ({@code steps/<id>.err})
 * @param outputFile null, or where stdout goes: written to a new file with an unpredictable name in its directory and renamed to
 *     this path only when the command succeeds; its stdout is then not kept in memory at all
 * @param captureBytes how many bytes of each stream are kept in memory for expressions, at most
 *     {@link #MAX_CAPTURE}
 * @param expectExit exit codes that count as success; decides whether {@code outputFile} is
 *     renamed into place
 * @param logRedactor what is replaced in {@code stdoutLog} and {@code stderrLog} as they are written
 *     (the run's secrets); never in {@code outputFile}, which holds data, nor in the captures
 */
public record CommandRequest(
    List<String> argv,
    Map<String, String> env,
    Path cwd,
    String stdin,
    Duration timeout,
    Path stdoutLog,
    Path stderrLog,
    Path outputFile,
    long captureBytes,
    List<Integer> expectExit,
    Redactor logRedactor) {

  /** The format's default {@code capture: 8MiB}. */
  public static final long DEFAULT_CAPTURE = 8L << 20;

  /** A capture is one Java string, so it has to stay well below 2 GiB. */
  public static final long MAX_CAPTURE = 1L << 30;

  public CommandRequest {
    argv = List.copyOf(argv);
    if (argv.isEmpty() || argv.get(0).isEmpty()) {
      throw new IllegalArgumentException("a command needs a program name, found " + argv);
    }
    env = Map.copyOf(env);
    Objects.requireNonNull(stdoutLog, "stdoutLog");
    Objects.requireNonNull(stderrLog, "stderrLog");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, found " + timeout);
    }
    if (captureBytes < 0 || captureBytes > MAX_CAPTURE) {
      throw new IllegalArgumentException("capture must be between 0 and 1 GiB, found " + captureBytes + " bytes");
    }
    expectExit = List.copyOf(expectExit);
    Objects.requireNonNull(logRedactor, "logRedactor");
    if (expectExit.isEmpty()) {
      throw new IllegalArgumentException("expectExit needs at least one exit code");
    }
  }

  /**
   * A request with no cwd, stdin, timeout or output file, the default capture, exit code 0 expected
   * and nothing redacted.
   */
  public static CommandRequest of(List<String> argv, Map<String, String> env, Path stdoutLog, Path stderrLog) {
    return new CommandRequest(argv, env, null, null, null, stdoutLog, stderrLog, null, DEFAULT_CAPTURE, List.of(0), Redactor.NONE);
  }

  public CommandRequest withCwd(Path newCwd) {
    return new CommandRequest(argv, env, newCwd, stdin, timeout, stdoutLog, stderrLog, outputFile, captureBytes, expectExit, logRedactor);
  }

  public CommandRequest withStdin(String newStdin) {
    return new CommandRequest(argv, env, cwd, newStdin, timeout, stdoutLog, stderrLog, outputFile, captureBytes, expectExit, logRedactor);
  }

  public CommandRequest withTimeout(Duration newTimeout) {
    return new CommandRequest(argv, env, cwd, stdin, newTimeout, stdoutLog, stderrLog, outputFile, captureBytes, expectExit, logRedactor);
  }

  public CommandRequest withOutputFile(Path newOutputFile) {
    return new CommandRequest(argv, env, cwd, stdin, timeout, stdoutLog, stderrLog, newOutputFile, captureBytes, expectExit, logRedactor);
  }

  public CommandRequest withCaptureBytes(long newCaptureBytes) {
    return new CommandRequest(argv, env, cwd, stdin, timeout, stdoutLog, stderrLog, outputFile, newCaptureBytes, expectExit, logRedactor);
  }

  public CommandRequest withExpectExit(List<Integer> newExpectExit) {
    return new CommandRequest(argv, env, cwd, stdin, timeout, stdoutLog, stderrLog, outputFile, captureBytes, newExpectExit, logRedactor);
  }

  public CommandRequest withLogRedactor(Redactor newLogRedactor) {
    return new CommandRequest(argv, env, cwd, stdin, timeout, stdoutLog, stderrLog, outputFile, captureBytes, expectExit, newLogRedactor);
  }

  /** Whether {@code exitCode} counts as success. */
  public boolean expects(int exitCode) {
    return expectExit.contains(exitCode);
  }

}
