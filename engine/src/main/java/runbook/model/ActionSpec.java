package runbook.model;

import java.util.List;

/**
 * The description of one action: the single source that the parser (which keys a step of this
 * action may have), lint (which result fields exist), {@code runbook schema}, {@code runbook doc}
 * and docs/format.md (checked by a test) derive from. A new action is a new {@code ActionSpec} in
 * {@link Actions} and a new {@link Step} record; nothing else keeps its own list.
 *
 * @param key the action key ({@code run}, ...; {@code steps} for a group)
 * @param summary one sentence: what the action does
 * @param stepKeys keys beside the action key in the step mapping (a run step's options); the common
 *     keys of every step are in {@link Actions#COMMON}
 * @param bodyKeys keys inside the action's own mapping ({@code parse-table: {...}}); empty when the
 *     action's value is not a mapping
 * @param results the result fields every step of this action has after it ran, besides the status
 *     fields; fields that depend on the step (an inline command, {@code output-file}) are added by
 *     {@link Actions#fields(Step)}
 */
public record ActionSpec(String key, String summary, List<KeySpec> stepKeys, List<KeySpec> bodyKeys,
    List<ResultField> results) {
  public ActionSpec {
    stepKeys = List.copyOf(stepKeys);
    bodyKeys = List.copyOf(bodyKeys);
    results = List.copyOf(results);
  }

  /** The names of {@link #bodyKeys()}. */
  public List<String> bodyKeyNames() {
    return bodyKeys.stream().map(KeySpec::name).toList();
  }

  /** The names of {@link #stepKeys()}. */
  public List<String> stepKeyNames() {
    return stepKeys.stream().map(KeySpec::name).toList();
  }
}
