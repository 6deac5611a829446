package runbook.model;

import java.util.List;
import java.util.function.Function;

/**
 * The description of one action: the single source that the parser (which keys a step of this
 * action may have), lint (which result fields exist), {@code runbook schema}, {@code runbook render}
 * and docs/format.md derive from. A new action is a new {@code ActionSpec} in {@link Actions} and a
 * new {@link Step} record with its reader and executor; nothing else keeps its own list.
 *
 * @param key the action key ({@code run}, ...; {@code steps} for a group)
 * @param summary one sentence: what the action does
 * @param model the step record of this action
 * @param owner the model object whose values {@link #stepKeys()} and {@link #bodyKeys()} read (the
 *     step itself, a run step's {@link Command}, a table step's {@link TableSpec})
 * @param stepKeys keys beside the action key in the step mapping, the action key first (a run step's
 *     command and options, a group's steps); the common keys of every step are in {@link Actions#COMMON}
 * @param bodyKeys keys inside the action's own mapping ({@code parse-table: {...}}); empty when the
 *     action's value is not a mapping
 * @param results the result fields every step of this action has after it ran, besides the status
 *     fields; fields that depend on the step (an inline command, {@code output-file}) are added by
 *     {@link Actions#fields(Step)}
 */
public record ActionSpec(String key, String summary, Class<? extends Step> model, Function<Step, Object> owner,
    List<KeySpec> stepKeys, List<KeySpec> bodyKeys, List<ResultField> results) {
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

  /** The keys of this action's own mapping, or beside its key when it has none. */
  public List<KeySpec> keys() {
    return bodyKeys.isEmpty() ? stepKeys : bodyKeys;
  }
}
