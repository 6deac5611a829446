package runbook.lint.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import runbook.json.Json;

/** The scenario schema has the scenario reader's keys, and docs/scenario.schema.json is its copy. */
class ScenarioSchemaTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", ".."));

  @SuppressWarnings("unchecked")
  private static Map<String, Object> props(Map<String, Object> node) {
    return (Map<String, Object>) node.get("properties");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theKeysAreTheReaders() throws Exception {
    Map<String, Object> root = ScenarioSchema.build();
    assertEquals(new TreeSet<>(keys("KEYS")), new TreeSet<>(props(root).keySet()));
    Map<String, Object> commands = (Map<String, Object>) props(root).get("commands");
    assertEquals(new TreeSet<>(keys("RULE_KEYS")),
        new TreeSet<>(props((Map<String, Object>) commands.get("items")).keySet()));
    assertEquals(new TreeSet<>(keys("EXPECT_KEYS")),
        new TreeSet<>(props((Map<String, Object>) props(root).get("expect")).keySet()));
  }

  /** The reader's key lists are package-private: read them as the reader has them. */
  @SuppressWarnings("unchecked")
  private static java.util.List<String> keys(String field) throws Exception {
    java.lang.reflect.Field f = runbook.scenario.ScenarioReader.class.getDeclaredField(field);
    f.setAccessible(true);
    return (java.util.List<String>) f.get(null);
  }

  @Test
  void committedSchemaEqualsTheGeneratedOne() throws Exception {
    String generated = Json.writePretty(ScenarioSchema.build()) + "\n";
    Path committed = ROOT.resolve("docs/scenario.schema.json");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(committed, generated, StandardCharsets.UTF_8);
    }
    assertEquals(generated, Files.readString(committed, StandardCharsets.UTF_8),
        "docs/scenario.schema.json is stale: run the tests with -Dgolden.update=true");
  }
}
