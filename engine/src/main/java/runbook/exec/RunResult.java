package runbook.exec;

import java.nio.file.Path;
import java.util.List;

/**
 * How a run ended.
 *
 * @param runDir the run's directory (journal, outputs, report)
 * @param message one line: why it failed or was aborted; null on success
 * @param steps every step that was recorded, in order
 */
public record RunResult(String runId, Path runDir, Outcome outcome, String message, List<StepRecord> steps) {
  /** The four ways a run ends; the command line maps them to exit codes 0, 1, 3 and 130. */
  public enum Outcome {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    ABORTED("aborted"),
    INTERRUPTED("interrupted");

    private final String key;

    Outcome(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  public RunResult {
    steps = List.copyOf(steps);
  }

  public Path report() {
    return runDir.resolve("report.md");
  }
}
