package runbook.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostics;
import runbook.diag.Suggestions;
import runbook.model.Actions;
import runbook.model.ColumnType;
import runbook.model.Command;
import runbook.model.ParseTableStep;
import runbook.model.Ref;
import runbook.model.Step;
import runbook.model.StepInfo;
import runbook.model.TableFormat;
import runbook.model.TableSpec;

/** {@code parse-table}: its input ({@code of} or an inline {@code run}), format and columns. */
final class ParseTableReader implements ActionReader {

  @Override
  public Step read(StepInfo info, MappingReader step, StepReader steps) {
    TableSpec table = table(step.node("parse-table"), steps.diagnostics(), "`parse-table`");
    return table == null ? null : new ParseTableStep(info, table);
  }

  /** A table body, for a parse-table step or a probe; null when it cannot be built. */
  static TableSpec table(YamlNode node, Diagnostics d, String context) {
    MappingReader m = MappingReader.described(node, d, context, Actions.TABLE_KEYS);
    if (m == null) {
      return null;
    }
    Ref of = AssertOutputReader.ref(m, "of");
    Command run = null;
    if (m.has("run")) {
      if (m.has("of")) {
        d.error(ParseRule.CONFLICTING_KEYS, m.keySpan("run"), context + " reads either `of` or `run`, not both",
            "keep `of` to read an earlier step's output, or `run` to run a command here");
      }
      run = RunReader.command(m, m.node("run"));
    } else if (!m.has("of")) {
      d.error(ParseRule.MISSING_KEY, m.span(), context + " needs its input: `of: <step id>` or `run: <command>`");
    } else {
      for (String option : StepKeys.RUN_OPTIONS) {
        if (m.has(option)) {
          d.error(ParseRule.UNUSED_KEY, m.keySpan(option), "`" + option + "` applies only with `run`, not with `of`");
        }
      }
    }
    TableFormat format = format(m, d);
    String separator = onlyFor(m, d, format, TableFormat.DELIMITED, "separator");
    if (separator != null && separator.isEmpty()) {
      d.error(ParseRule.BAD_VALUE, m.node("separator").span(), "`separator` must not be empty");
    }
    String jsonPath = onlyFor(m, d, format, TableFormat.JSON, "json-path");
    List<String> names = new ArrayList<>();
    Map<String, String> renames = new LinkedHashMap<>();
    columns(m.node("columns"), d, names, renames);
    Map<String, ColumnType> types = types(m.mapping("types"), d, names);
    List<String> required = requireColumns(m, d, names);
    if (format == null || (of == null) == (run == null)) {
      return null;
    }
    return new TableSpec(of, of == null ? run : null, format, separator, jsonPath, names, renames, types, required,
        m.span());
  }

  private static TableFormat format(MappingReader m, Diagnostics d) {
    if (m.required("format") == null) {
      return null;
    }
    String key = m.choice("format");
    for (TableFormat f : TableFormat.values()) {
      if (f.key().equals(key)) {
        return f;
      }
    }
    return null;
  }

  /** A key that {@code owner} requires and every other format rejects. */
  private static String onlyFor(MappingReader m, Diagnostics d, TableFormat format, TableFormat owner, String key) {
    if (format == null) {
      return m.string(key);
    }
    if (format == owner && !m.has(key)) {
      d.error(ParseRule.MISSING_KEY, m.keySpan("format"), "`format: " + owner.key() + "` needs `" + key + "`");
      return null;
    }
    if (format != owner && m.has(key)) {
      d.error(ParseRule.UNUSED_KEY, m.keySpan(key), "`" + key + "` applies only to `format: " + owner.key() + "`");
      return null;
    }
    return m.string(key);
  }

  private static void columns(YamlNode node, Diagnostics d, List<String> names, Map<String, String> renames) {
    if (node == null) {
      return;
    }
    if (node instanceof YamlSequence seq) {
      for (YamlNode item : seq.items()) {
        String name = YamlValues.string(item, d, "a column name");
        if (name != null) {
          names.add(name);
        }
      }
    } else if (node instanceof YamlMapping map) {
      for (YamlMapping.Entry e : map.entries()) {
        String header = YamlValues.string(e.key(), d, "a column header");
        String name = YamlValues.string(e.value(), d, "a column name");
        if (header != null && name != null) {
          renames.putIfAbsent(header, name);
        }
      }
    } else {
      YamlValues.wrongType(node, d, "`columns`", "a list of names or a mapping of header to name");
    }
  }

  /** {@code require-columns}: names, each once. */
  private static List<String> requireColumns(MappingReader m, Diagnostics d, List<String> listed) {
    YamlSequence seq = m.sequence("require-columns");
    List<String> out = new ArrayList<>();
    if (seq == null) {
      return out;
    }
    if (seq.items().isEmpty()) {
      d.error(ParseRule.EMPTY_LIST, seq.span(), "`require-columns` must name at least one column",
          "list the columns later steps read, or drop the key");
    }
    for (YamlNode item : seq.items()) {
      String name = YamlValues.string(item, d, "a column name");
      if (name != null && !out.contains(name)) {
        out.add(name);
        unlisted(name, item.span(), listed, "`require-columns`", d);
      }
    }
    return out;
  }

  /** A column named beside a {@code columns} list that the list does not have: the table can never have it. */
  private static void unlisted(String name, runbook.model.SourceSpan at, List<String> listed, String key, Diagnostics d) {
    if (!listed.isEmpty() && !listed.contains(name)) {
      d.error(ParseRule.BAD_VALUE, at, key + " names the column `" + name + "`, which `columns` does not list",
          java.util.Objects.requireNonNullElse(Suggestions.didYouMean(name, listed),
              "the columns are " + String.join(", ", listed)));
    }
  }

  private static Map<String, ColumnType> types(YamlMapping map, Diagnostics d, List<String> listed) {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    if (map == null) {
      return types;
    }
    List<String> allowed = Arrays.stream(ColumnType.values()).map(ColumnType::key).toList();
    for (YamlMapping.Entry e : map.entries()) {
      String column = YamlValues.string(e.key(), d, "a column name");
      YamlScalar s = YamlValues.scalar(e.value(), d, "the type of a column", "one of " + String.join(", ", allowed));
      if (column == null || s == null) {
        continue;
      }
      ColumnType type = null;
      for (ColumnType t : ColumnType.values()) {
        if (t.key().equals(s.value())) {
          type = t;
        }
      }
      if (type == null) {
        d.error(ParseRule.BAD_VALUE, s.valueSpan(), "unknown column type " + s.describe(),
            Suggestions.hint(s.value(), allowed));
      } else {
        types.putIfAbsent(column, type);
        unlisted(column, e.key().span(), listed, "`types`", d);
      }
    }
    return types;
  }
}
