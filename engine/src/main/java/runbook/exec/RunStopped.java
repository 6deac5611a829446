package runbook.exec;

/**
 * Ends the run from inside a step: an abort (a confirm declined or unanswered, a required state
 * not reached, the operator quit) or an interruption. Every step it passes through is recorded
 * with this status on the way out.
 */
final class RunStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final StepStatus status;

  RunStopped(StepStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  StepStatus status() {
    return status;
  }
}
