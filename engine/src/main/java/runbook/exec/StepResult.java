package runbook.exec;

import java.util.Map;

/**
 * What one execution of a step produced: its status, the values expressions see, and what the
 * journal and the report keep.
 *
 * @param values {@code exit}, {@code stdout}, {@code rows}... (without ok/failed/skipped, which follow
 *     from the status)
 * @param unavailable values that exist but cannot be read, with the reason (a truncated output)
 * @param message why it failed, or what it would do in a dry run; null for none
 * @param command the command line as run, or null when the step ran no command
 * @param exit the command's exit code, or null
 */
record StepResult(
    StepStatus status,
    Map<String, Object> values,
    Map<String, String> unavailable,
    String message,
    String command,
    Integer exit,
    long stdoutBytes,
    long stderrBytes) {
  StepResult {
    values = Map.copyOf(values);
    unavailable = Map.copyOf(unavailable);
  }

  static StepResult of(StepStatus status, Map<String, Object> values, String message) {
    return new StepResult(status, values, Map.of(), message, null, null, 0, 0);
  }

  static StepResult failed(String message) {
    return of(StepStatus.FAILED, Map.of(), message);
  }

  StepResult withStatus(StepStatus newStatus, String newMessage) {
    return new StepResult(newStatus, values, unavailable, newMessage, command, exit, stdoutBytes, stderrBytes);
  }

  StepResult withValues(Map<String, Object> more) {
    Map<String, Object> all = new java.util.LinkedHashMap<>(values);
    all.putAll(more);
    return new StepResult(status, all, unavailable, message, command, exit, stdoutBytes, stderrBytes);
  }
}
