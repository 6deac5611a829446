package runbook.exec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A step's values as the journal keeps them, so that {@code resume} can give later expressions the
 * same values: everything but the captured output, which is already in the run directory's
 * {@code steps/} files (every byte) and would make the journal as large as the output.
 */
final class JournalValues {
  /** Read back from {@code steps/<id>.out} and {@code .err} on resume. */
  static final Set<String> OUTPUTS = Set.of("stdout", "stderr", "lines");

  private JournalValues() {}

  static Map<String, Object> of(Map<String, Object> values) {
    Map<String, Object> kept = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (OUTPUTS.contains(k)) {
        return;
      }
      // a require-state's probe is a result of its own: keep its values the same way
      kept.put(k, v instanceof ResultMap probe ? of(probe) : v);
    });
    return kept;
  }
}
