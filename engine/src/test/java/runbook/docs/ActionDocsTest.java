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
 * docs/format.md says what the action descriptors ({@link Actions}) say: its key tables and its step
 * results table are made from them ({@link runbook.doc.FormatTables}), and the schema has their keys.
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

  /** Each key table and the results table of docs/format.md is made from the descriptors. */
  @org.junit.jupiter.api.TestFactory
  java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> theFormatReferencesTablesAreMadeFromTheDescriptors() {
    return runbook.doc.FormatTables.blocks().stream().map(b -> org.junit.jupiter.api.DynamicTest.dynamicTest(b[0],
        () -> GeneratedDocs.check("docs/format.md", b[0], b[1])));
  }

  @Test
  void everyActionsKeysAreInTheFormatReference() throws IOException {
    Map<String, String> sections = sections();
    assertTrue(sections.get("Steps and their common keys").contains("<!-- generated: keys of every step -->"));
    for (ActionSpec a : Actions.ALL) {
      if (a != Actions.GROUP) {
        String section = sections.get("`" + a.key() + "`");
        assertTrue(section != null && section.contains("<!-- generated: keys of " + a.key() + " -->"),
            "docs/format.md's section `" + a.key() + "` has the action's key table");
      }
    }
    assertTrue(sections.get("Step results").contains("<!-- generated: step results -->"));
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
