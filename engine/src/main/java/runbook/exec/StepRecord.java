package runbook.exec;

/**
 * One finished step, for the summary table and the report.
 *
 * @param depth 0 for a top-level step, 1 inside a group...
 * @param command the command line as run (masked), or null
 * @param exit the exit code, or null when no command ran
 * @param message why it failed, was skipped, or what it would run; null for none
 * @param attempts how many times it ran (retry)
 */
public record StepRecord(
    String id, String title, int depth, StepStatus status, long durationMs, String command, Integer exit, String message, int attempts) {}
