package runbook.doc;

import java.util.ArrayList;
import java.util.List;
import runbook.model.ActionSpec;
import runbook.model.Actions;
import runbook.model.KeySpec;
import runbook.model.PlaybookKeys;
import runbook.model.ResultField;

/**
 * The tables of docs/format.md that the descriptors ({@link PlaybookKeys}, {@link Actions}) make: the
 * top-level and param keys, the common keys, each action's keys, and the step results. The page holds a copy of each between
 * {@code <!-- generated: NAME -->} markers, which a test keeps equal to what this class makes.
 */
public final class FormatTables {
  private FormatTables() {}

  /** The block names, each with its table. */
  public static List<String[]> blocks() {
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"top-level keys", keys(PlaybookKeys.TOP_LEVEL)});
    out.add(new String[] {"keys of a param", keys(PlaybookKeys.PARAM)});
    out.add(new String[] {"keys of every step", keys(Actions.COMMON)});
    for (ActionSpec a : Actions.ALL) {
      List<KeySpec> keys = a.bodyKeys().isEmpty() ? a.stepKeys() : a.bodyKeys();
      if (!keys.isEmpty()) {
        out.add(new String[] {"keys of " + a.key(), keys(keys)});
      }
    }
    out.add(new String[] {"step results", results()});
    return out;
  }

  /** A key table: name, type, whether required, meaning. */
  static String keys(List<KeySpec> keys) {
    StringBuilder out = new StringBuilder("| key | type | meaning |\n| --- | --- | --- |\n");
    for (KeySpec k : keys) {
      out.append("| `").append(k.name()).append("` | ").append(k.type().word()).append(" | ").append(k.doc()).append(" |\n");
    }
    return out.toString();
  }

  /** Every result field, by the steps that have it. */
  static String results() {
    StringBuilder out = new StringBuilder("| field | type | steps | value |\n| --- | --- | --- | --- |\n");
    rows(out, Actions.STATUS, "every step, whether it ran or was skipped");
    rows(out, Actions.COMMAND_RESULTS, "`run`, and a `parse-table` with `run`");
    rows(out, List.of(Actions.OUTPUT_FILE), "`run` with `output-file`, after success");
    for (ActionSpec a : Actions.ALL) {
      rows(out, a.results(), "`" + a.key() + "`");
    }
    return out.toString();
  }

  private static void rows(StringBuilder out, List<ResultField> fields, String steps) {
    for (ResultField f : fields) {
      if (out.indexOf("| `<id>." + f.name() + "` |") < 0) {
        out.append("| `<id>.").append(f.name()).append("` | ").append(f.type()).append(" | ").append(steps)
            .append(" | ").append(f.doc()).append(" |\n");
      }
    }
  }
}
