package runbook.exec;

/** How a step ended, as journaled, reported and shown in the summary. */
public enum StepStatus {
  OK("ok"),
  FAILED("failed"),
  /** Its {@code when} was false, the operator skipped it with {@code --step}, or its group was skipped. */
  SKIPPED("skipped"),
  /** Dry run: a step that changes the system, shown with its command expanded, not executed. */
  WOULD_RUN("would-run"),
  /** A confirm answered no with {@code on-decline: skip}. */
  DECLINED("declined"),
  /** A confirm declined or unanswered, or a required state not reached: the run stops here. */
  ABORTED("aborted"),
  /** Ctrl-C or SIGTERM while the step ran. */
  INTERRUPTED("interrupted");

  private final String key;

  StepStatus(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
