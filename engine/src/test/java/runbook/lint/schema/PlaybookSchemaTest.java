package runbook.lint.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import runbook.json.Json;
import runbook.model.Step;
import runbook.parse.PlaybookParser;
import runbook.parse.StepKeys;

class PlaybookSchemaTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", ".."));

  @Test
  void everyKindOfStepHasASchemaEntry() {
    Set<Class<?>> permitted = Set.of(Step.class.getPermittedSubclasses());
    assertEquals(permitted, Set.copyOf(PlaybookSchema.actions().keySet()));
    Map<?, ?> definitions = (Map<?, ?>) PlaybookSchema.build().get("definitions");
    for (runbook.model.ActionSpec a : PlaybookSchema.actions().values()) {
      assertTrue(definitions.containsKey("step-" + a.key()), a.key());
    }
  }

  @Test
  void everyActionHasASectionInTheEditorDocs() throws Exception {
    String doc = Files.readString(ROOT.resolve("docs/editors.md"), StandardCharsets.UTF_8);
    for (runbook.model.ActionSpec a : PlaybookSchema.actions().values()) {
      assertTrue(doc.contains("\n### " + a.key() + "\n"), "docs/editors.md has no section for " + a.key());
    }
  }

  @Test
  void actionKeysAreTheParsersActionKeys() {
    List<String> keys = PlaybookSchema.actions().values().stream().map(runbook.model.ActionSpec::key).toList();
    assertEquals(Set.copyOf(StepKeys.ACTIONS), Set.copyOf(keys));
  }

  @Test
  void everyStepAllowsExactlyTheKeysTheParserAccepts() {
    Map<?, ?> definitions = (Map<?, ?>) PlaybookSchema.build().get("definitions");
    Map<?, ?> run = (Map<?, ?>) ((Map<?, ?>) definitions.get("step-run")).get("properties");
    Set<String> expected = new LinkedHashSet<>(StepKeys.COMMON);
    expected.add("run");
    expected.addAll(StepKeys.RUN_OPTIONS);
    assertEquals(expected, run.keySet());
    Map<?, ?> confirm = (Map<?, ?>) ((Map<?, ?>) definitions.get("step-confirm")).get("properties");
    Set<String> common = new LinkedHashSet<>(StepKeys.COMMON);
    common.add("confirm");
    assertEquals(common, confirm.keySet());
    Map<?, ?> retry = (Map<?, ?>) ((Map<?, ?>) run.get("retry")).get("properties");
    assertEquals(Set.copyOf(StepKeys.RETRY), retry.keySet());
  }

  @Test
  void topLevelKeysAreTheParsersPlusTheVariantKeys() {
    Map<?, ?> props = (Map<?, ?>) PlaybookSchema.build().get("properties");
    Set<String> expected = new LinkedHashSet<>(PlaybookParser.KEYS);
    expected.add("extends");
    expected.add("patch");
    assertEquals(expected, props.keySet());
  }

  @Test
  void everyKeyHasADescription() {
    List<String> missing = new ArrayList<>();
    walk(PlaybookSchema.build(), "#", missing);
    assertEquals(List.of(), missing);
  }

  @Test
  void committedSchemaEqualsTheGeneratedOne() throws Exception {
    String generated = Json.writePretty(PlaybookSchema.build()) + "\n";
    Path committed = ROOT.resolve("docs/playbook.schema.json");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(committed, generated, StandardCharsets.UTF_8);
    }
    assertEquals(generated, Files.readString(committed, StandardCharsets.UTF_8),
        "docs/playbook.schema.json is stale: run the tests with -Dgolden.update=true");
  }

  private static void walk(Object node, String path, List<String> missing) {
    if (node instanceof Map<?, ?> m) {
      Object props = m.get("properties");
      if (props instanceof Map<?, ?> p) {
        for (Map.Entry<?, ?> e : p.entrySet()) {
          Object d = ((Map<?, ?>) e.getValue()).get("description");
          if (!(d instanceof String s) || s.isBlank()) {
            missing.add(path + "/" + e.getKey());
          }
        }
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        walk(e.getValue(), path + "/" + e.getKey(), missing);
      }
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        walk(l.get(i), path + "/" + i, missing);
      }
    }
  }
}
