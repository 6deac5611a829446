package runbook.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import runbook.model.ActionSpec;
import runbook.model.Actions;
import runbook.model.KeySpec;
import runbook.model.ResultField;

/**
 * docs/format.md says what the action descriptors ({@link Actions}) say: each action's key table has
 * exactly the descriptor's keys, in its order and with its words, and every result field is named in
 * the step results table.
 */
class ActionDocsTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", ".."));
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\| (.*) \\|$");

  private static Map<String, String> sections() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/format.md"), StandardCharsets.UTF_8);
    Map<String, String> out = new LinkedHashMap<>();
    String[] parts = doc.split("\n## ");
    for (int i = 1; i < parts.length; i++) {
      int nl = parts[i].indexOf('\n');
      out.put(parts[i].substring(0, nl).strip(), parts[i].substring(nl + 1));
    }
    return out;
  }

  private static List<String> rows(String section) {
    List<String> out = new ArrayList<>();
    Matcher m = ROW.matcher(section);
    while (m.find()) {
      out.add(m.group(1) + " | " + m.group(2));
    }
    return out;
  }

  private static List<String> rows(List<KeySpec> keys) {
    return keys.stream().map(k -> k.name() + " | " + k.doc()).toList();
  }

  @Test
  void everyKeyTableIsTheDescriptors() throws IOException {
    Map<String, String> sections = sections();
    assertEquals(rows(Actions.COMMON), rows(sections.get("Steps and their common keys")), "common keys");
    for (ActionSpec a : Actions.ALL) {
      if (a == Actions.GROUP) {
        continue;
      }
      String section = sections.get("`" + a.key() + "`");
      assertTrue(section != null, "docs/format.md has no section for `" + a.key() + "`");
      List<KeySpec> keys = a.bodyKeys().isEmpty() ? a.stepKeys() : a.bodyKeys();
      assertEquals(rows(keys), rows(section), "the keys of `" + a.key() + "`");
    }
  }

  @Test
  void everyResultFieldIsInTheResultsTable() throws IOException {
    String results = sections().get("Step results");
    List<ResultField> all = new ArrayList<>(Actions.STATUS);
    all.addAll(Actions.COMMAND_RESULTS);
    all.add(Actions.OUTPUT_FILE);
    Actions.ALL.forEach(a -> all.addAll(a.results()));
    for (ResultField f : all) {
      assertTrue(results.contains("`." + f.name() + "`") || results.contains("`<id>." + f.name() + "`"),
          "docs/format.md#step-results does not name `" + f.name() + "`");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSchemaHasExactlyTheDescriptorsKeys() {
    Map<String, Object> defs = (Map<String, Object>) runbook.lint.schema.PlaybookSchema.build().get("definitions");
    for (ActionSpec a : Actions.ALL) {
      Map<String, Object> step = (Map<String, Object>) defs.get("step-" + a.key());
      Map<String, Object> props = (Map<String, Object>) step.get("properties");
      List<String> stepKeys = new ArrayList<>(Actions.names(Actions.COMMON));
      if (a == Actions.RUN) {
        stepKeys.addAll(a.stepKeyNames());
      } else {
        stepKeys.add(a.key());
      }
      assertEquals(new java.util.TreeSet<>(stepKeys), new java.util.TreeSet<>(props.keySet()), "step keys of `" + a.key() + "`");
      if (!a.bodyKeys().isEmpty()) {
        Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) props.get(a.key())).get("properties");
        List<String> expected = a == Actions.PARSE_TABLE ? Actions.tableKeys() : a.bodyKeyNames();
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(body.keySet()), "keys of `" + a.key() + "`");
      }
      for (ResultField f : a.results()) {
        assertTrue(String.valueOf(step.get("description")).contains("`<id>." + f.name() + "`"), a.key() + " names " + f.name());
      }
    }
  }
}
