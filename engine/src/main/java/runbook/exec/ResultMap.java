package runbook.exec;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import runbook.expr.ValueUnavailableException;

/**
 * A step's result as expressions see it ({@code <id>.exit}, {@code <id>.rows}...). Reading a value
 * the step could not keep (a truncated output) or never had (the step was skipped) fails with a
 * message that says why, never a silent null.
 */
final class ResultMap extends AbstractMap<String, Object> {
  private final String stepId;
  private final StepStatus status;
  private final Map<String, Object> values;
  private final Map<String, String> unavailable;
  private final Runnable onDryRunGap;

  /**
   * @param values what the step produced, plus {@code ok}, {@code failed}, {@code skipped}
   * @param unavailable key to the message given when it is read (e.g. a truncated {@code stdout})
   * @param onDryRunGap told when a value of a step that did not run in a dry run is read
   */
  ResultMap(String stepId, StepStatus status, Map<String, Object> values, Map<String, String> unavailable, Runnable onDryRunGap) {
    this.stepId = stepId;
    this.status = status;
    this.values = new LinkedHashMap<>(values);
    this.values.put("ok", status == StepStatus.OK);
    this.values.put("failed", status == StepStatus.FAILED);
    this.values.put("skipped", status == StepStatus.SKIPPED);
    this.unavailable = Map.copyOf(unavailable);
    this.onDryRunGap = onDryRunGap;
  }

  StepStatus status() {
    return status;
  }

  /** The value without the availability check, for the report and the journal. */
  Object raw(String key) {
    return values.get(key);
  }

  @Override
  public Object get(Object key) {
    String k = String.valueOf(key);
    String why = unavailable.get(k);
    if (why != null) {
      throw new ValueUnavailableException(why);
    }
    if (values.containsKey(k)) {
      return values.get(k);
    }
    if (status == StepStatus.WOULD_RUN) {
      onDryRunGap.run();
      throw new ValueUnavailableException("step `" + stepId + "` did not run in this dry run, so it has no `" + k + "`");
    }
    if (status == StepStatus.SKIPPED) {
      throw new ValueUnavailableException("step `" + stepId + "` was skipped, so it has no `" + k + "`");
    }
    throw new ValueUnavailableException(
        "step `" + stepId + "` has no `" + k + "`; it has: " + String.join(", ", keySet()));
  }

  @Override
  public boolean containsKey(Object key) {
    return values.containsKey(String.valueOf(key)) || unavailable.containsKey(String.valueOf(key));
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> readable = new LinkedHashMap<>(values);
    unavailable.keySet().forEach(readable::remove);
    return readable.entrySet();
  }
}
