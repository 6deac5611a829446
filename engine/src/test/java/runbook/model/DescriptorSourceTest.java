package runbook.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import runbook.json.Json;
import runbook.lint.schema.PlaybookSchema;
import runbook.parse.PlaybookParser;
import runbook.parse.YamlDocument;
import runbook.parse.YamlLimits;
import runbook.parse.YamlMapping;
import runbook.parse.YamlNode;
import runbook.parse.YamlSequence;
import runbook.variant.PlaybookLoader;
import runbook.variant.PlaybookWriter;
import runbook.variant.Positions;

/**
 * The action descriptors ({@link Actions}) are the one source of the step format: for every key they
 * list, at any depth (a retry's, a probe's, a table's inline command options), a step that sets it is
 * read by the parser, written back by {@code runbook render} and read again as the same step,
 * accepted by a standard JSON Schema validator with {@code runbook schema}'s output (whose objects
 * allow no other keys), described there in the descriptor's words, and listed in docs/format.md.
 * The cases are made from the descriptors, so a key added to one is tested everywhere at once: a place
 * that kept its own table of keys fails here. A value type this test has no sample for fails it too.
 */
class DescriptorSourceTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", ".."));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private static final java.util.concurrent.atomic.AtomicInteger docChecked = new java.util.concurrent.atomic.AtomicInteger();

  /** A case: the key's path, the step that sets it, the key's descriptor, and whether docs/format.md lists it. */
  private record Case(String path, Map<String, Object> step, KeySpec key, boolean documented,
      Map<String, Object> before, List<String> at) {}

  /** The step of each action, before the key under test is set. */
  private static Map<String, Object> base(ActionSpec a) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("id", "under");
    s.put("title", "Under test");
    switch (a.key()) {
      case "run" -> s.put("run", List.of("true"));
      case "assert-output" -> s.put("assert-output", map("of", "src", "contains", "x"));
      case "parse-table" -> s.put("parse-table", map("of", "src", "format", "aligned"));
      case "require-state" -> s.put("require-state", map("probe", map("of", "src"), "that", "probe.exit == 0"));
      case "confirm" -> s.put("confirm", map("prompt", "Go on?"));
      case "steps" -> s.put("steps", List.of(map("id", "inner", "title", "Inner", "changes", false, "run", List.of("true"))));
      default -> throw new AssertionError("DescriptorSourceTest has no step for the action `" + a.key() + "`: add one");
    }
    return s;
  }

  private static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (ActionSpec a : Actions.ALL) {
      for (KeySpec k : Actions.COMMON) {
        set(out, a.key() + ": " + k.name(), base(a), List.of(), k, true);
      }
      for (KeySpec k : a.stepKeys()) {
        set(out, a.key() + ": " + k.name(), base(a), List.of(), k, true);
      }
      for (KeySpec k : a.bodyKeys()) {
        set(out, a.key() + "." + k.name(), base(a), List.of(a.key()), k, true);
      }
    }
    return out;
  }

  /** Adds the case that sets {@code k} in the mapping at {@code at} of {@code step}, and those of its nested keys. */
  private static void set(List<Case> out, String path, Map<String, Object> step, List<String> at, KeySpec k,
      boolean documented) {
    Map<String, Object> s = copy(step);
    Map<String, Object> m = at(s, at);
    List<String> here = new ArrayList<>(at);
    here.add(k.name());
    switch (k.type().kind()) {
      case INLINE_COMMAND -> {
        m.remove("of");
        m.put(k.name(), "echo hi");
        out.add(new Case(path, s, k, documented, null, at));
        for (KeySpec option : Actions.COMMAND.subList(1, Actions.COMMAND.size())) {
          set(out, path + " + " + option.name(), s, at, option, false);
        }
        return;
      }
      case MAPPING -> {
        Map<String, Object> nested = new LinkedHashMap<>();
        for (KeySpec n : k.type().keys()) {
          if (n.required()) {
            nested.put(n.name(), sample(n));
          } else if (n.type().kind() == ValueType.Kind.INLINE_COMMAND) {
            nested.put(n.name(), "echo hi"); // a table needs its input
          }
        }
        m.put(k.name(), nested);
        out.add(new Case(path, s, k, documented, null, at));
        for (KeySpec n : k.type().keys()) {
          set(out, path + "." + n.name(), s, here, n, false);
        }
        return;
      }
      case ONE_OF -> {
        for (KeySpec alt : k.type().keys()) {
          Map<String, Object> one = copy(s);
          at(one, at).put(k.name(), new LinkedHashMap<String, Object>());
          set(out, path + "." + alt.name(), one, here, alt, false);
        }
        return;
      }
      default -> {
        // options of a command need the command, not an `of`
        if (m.containsKey("of") && Actions.commandOptions().contains(k.name()) && !at.isEmpty()) {
          m.remove("of");
          m.put("run", "echo hi");
        }
        if (k.name().equals("of") && m.get("run") instanceof String) {
          m.remove("run"); // a table reads `of` or runs its command
        }
        if (k.name().equals("shell")) {
          m.put("run", "echo hi | cat");
        }
        if (k.name().equals("separator")) {
          m.put("format", "delimited");
        }
        if (k.name().equals("json-path")) {
          m.put("format", "json");
        }
        if (k.name().equals("reason")) {
          m.put("when", "src.ok");
        }
        Map<String, Object> before = copy(s);
        m.put(k.name(), sample(k));
        out.add(new Case(path, s, k, documented, before, at));
      }
    }
  }

  /** A value of {@code k}'s type that is not its default, so that {@code render} writes it. */
  private static Object sample(KeySpec k) {
    ValueType t = k.type();
    return switch (t.kind()) {
      case TEMPLATE -> "text of " + k.name();
      case EXPRESSION -> "src.ok";
      case STEP_ID -> k.name().equals("confirmed-by") ? "gate" : k.name().equals("id") ? "under" : "src";
      case BOOL -> true;
      case COUNT -> 2;
      case DURATION -> "1h30m";
      case STEPS -> List.of(map("id", "nested", "title", "Nested", "changes", false, "run", List.of("true")));
      case TEMPLATES -> List.of("one", "two");
      case PATTERNS -> List.of("a(?<g>b)");
      case TEMPLATE_MAP -> map("A", "x");
      case COMMAND_LINE -> "echo hi";
      case EXIT_CODES -> List.of(0, 5);
      case SIZE -> "64k";
      case NAMES -> List.of("token");
      case TEXT -> "x";
      // a required choice keeps its first word; any other takes its last, never the default
      case CHOICE -> k.required() ? t.choices().get(0) : t.choices().get(t.choices().size() - 1);
      case COLUMNS -> List.of("a", "b");
      case COLUMN_NAMES -> List.of("a");
      case COLUMN_TYPES -> map("a", t.choices().get(t.choices().size() - 1));
      case INLINE_COMMAND, MAPPING, ONE_OF -> throw new AssertionError("set() handles " + t.kind());
      case VERSION, NAME, PROGRAMS, PARAMS, VARIABLES, SCALAR, SCALARS ->
          throw new AssertionError(t.kind() + " is a top-level or param kind: topLevelAndParamKeysComeFromTheirDescriptors tests it");
    };
  }

  private static Map<String, Object> playbook(Map<String, Object> step) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("runbook", 1);
    p.put("name", "t");
    p.put("title", "T");
    p.put("params", map("token", map("secret", true, "default", "x")));
    p.put("steps", List.of(
        map("id", "src", "title", "Source", "changes", false, "run", List.of("true")),
        map("id", "gate", "title", "Gate", "confirm", map("prompt", "Sure?", "type-to-confirm", "yes")),
        step));
    return p;
  }

  @TestFactory
  Stream<DynamicTest> everyDescribedKeyIsParsedRenderedValidatedAndDocumented() throws Exception {
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(MAPPER.readTree(Json.writePretty(PlaybookSchema.build())));
    String schemaText = Json.write(PlaybookSchema.build());
    String format = Files.readString(ROOT.resolve("docs/format.md"), StandardCharsets.UTF_8);
    List<Case> cases = cases();
    assertTrue(cases.size() > 80, "cases: " + cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.path(), () -> {
      String json = Json.writePretty(playbook(c.step()));
      Path f = dir.resolve("p.yaml");
      Files.writeString(f, json);
      // the parser accepts the key (JSON is YAML)
      Playbook p = PlaybookLoader.load(f);
      // render writes it, and what it writes reads back as the same playbook
      String rendered = PlaybookWriter.write(p);
      assertTrue(Pattern.compile("(?m)^ *(- )?" + Pattern.quote(c.key().name()) + ":").matcher(rendered).find(),
          "render wrote no `" + c.key().name() + "`:\n" + rendered);
      Playbook again = PlaybookParser.read(YamlDocument.parse("rendered.yaml", rendered, YamlLimits.DEFAULT));
      assertEquals(Positions.strip(p), Positions.strip(again), rendered);
      // the schema allows it where it stands, in the descriptor's words
      assertEquals(Set.of(), schema.validate(MAPPER.readTree(json)), json);
      assertTrue(schemaText.contains(Json.write(c.key().doc()).replaceAll("\"$", "")),
          "the schema does not describe `" + c.key().name() + "` in the descriptor's words");
      // runbook doc shows it: the document changes when the key is set
      // (a run step's `changes: true` is its default, which changes nothing to show)
      if (c.before() != null && !Json.write(c.before()).equals(Json.write(c.step())) && !c.path().equals("run: changes")) {
        Path b = dir.resolve("before.yaml");
        Files.writeString(b, Json.writePretty(playbook(c.before())));
        Playbook without = null;
        try {
          without = PlaybookLoader.load(b);
        } catch (runbook.diag.InvalidInputException e) {
          // the step is incomplete without the key: nothing to compare with
        }
        if (without != null) {
          docChecked.incrementAndGet();
          assertTrue(!runbook.doc.DocWriter.write(without).replace("before.yaml", "p.yaml").equals(
              runbook.doc.DocWriter.write(p)), "runbook doc does not show `" + c.path() + "`");
        }
      }
      if (c.documented()) {
        assertTrue(format.contains("| `" + c.key().name() + "` | " + c.key().type().word() + " | " + c.key().doc() + " |"),
            "docs/format.md does not list `" + c.key().name() + "`");
      }
    }));
  }

  /**
   * The parser requires exactly what the descriptors mark required: a step without one such key, at
   * any depth, is refused with missing-key naming it (the readers ask the descriptor, not a list of
   * their own).
   */
  @TestFactory
  Stream<DynamicTest> everyRequiredKeyIsRequiredByTheParser() {
    // (a group's `steps` is its action key: without it the step has no action, which no-action says)
    List<Case> required = cases().stream().filter(c -> c.key().required()
        && !(c.at().isEmpty() && Actions.keys().contains(c.key().name()))).toList();
    assertTrue(required.size() >= 10, "required keys: " + required.size());
    return required.stream().map(c -> DynamicTest.dynamicTest(c.path(), () -> {
      Map<String, Object> s = copy(c.step());
      at(s, c.at()).remove(c.key().name());
      Path f = dir.resolve("missing.yaml");
      Files.writeString(f, Json.writePretty(playbook(s)));
      runbook.diag.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
          runbook.diag.InvalidInputException.class, () -> PlaybookLoader.load(f));
      assertTrue(e.diagnostics().stream().anyMatch(d -> d.rule().equals("missing-key")
          && d.message().contains("`" + c.key().name() + "`")), e.diagnostics().toString());
    }));
  }

  /** Most keys were checked in runbook doc's output (run after the cases above, by name). */
  @org.junit.jupiter.api.AfterAll
  static void docWasChecked() {
    assertTrue(docChecked.get() > 100, "doc checked for " + docChecked.get() + " keys");
  }

  /**
   * The top level and every param key are described once too: the parser accepts exactly them, render
   * writes each back, the schema describes each in the descriptor's words, docs/format.md lists each,
   * and runbook doc shows each param key.
   */
  @Test
  void topLevelAndParamKeysComeFromTheirDescriptors() throws Exception {
    assertEquals(Actions.names(PlaybookKeys.TOP_LEVEL), PlaybookParser.KEYS);
    String format = Files.readString(ROOT.resolve("docs/format.md"), StandardCharsets.UTF_8);
    String schemaText = Json.write(PlaybookSchema.build());
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("runbook", 1);
    p.put("name", "every-key");
    p.put("title", "Every top-level key");
    p.put("description", "What it is for.");
    p.put("requires", List.of("true"));
    p.put("params", map("dir", map("description", "Where", "default", "/srv/x", "type", "path", "pattern", "^/.*",
        "choices", List.of("/srv/x", "/srv/y"), "secret", true, "under", "/srv")));
    p.put("env", map("LC_ALL", "C"));
    p.put("vars", map("v", "${dir}"));
    p.put("steps", List.of(map("id", "s", "title", "S", "changes", false, "run", List.of("true"))));
    Path f = dir.resolve("top.yaml");
    Files.writeString(f, Json.writePretty(p));
    Playbook pb = PlaybookLoader.load(f);
    String rendered = PlaybookWriter.write(pb);
    String doc = runbook.doc.DocWriter.write(pb);
    assertEquals(Positions.strip(pb), Positions.strip(PlaybookParser.read(YamlDocument.parse("r.yaml", rendered, YamlLimits.DEFAULT))));
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(MAPPER.readTree(Json.writePretty(PlaybookSchema.build())));
    assertEquals(Set.of(), schema.validate(MAPPER.readTree(Json.write(p))));
    for (List<KeySpec> keys : List.of(PlaybookKeys.TOP_LEVEL, PlaybookKeys.PARAM)) {
      for (KeySpec k : keys) {
        assertTrue(Pattern.compile("(?m)^ *" + Pattern.quote(k.name()) + ":").matcher(rendered).find(), "render wrote no " + k.name());
        assertTrue(schemaText.contains(Json.write(k.doc()).replaceAll("\"$", "")), "the schema does not describe " + k.name());
        assertTrue(format.contains("| `" + k.name() + "` | " + k.type().word() + " | " + k.doc() + " |"),
            "docs/format.md does not list " + k.name());
      }
    }
    for (String shown : List.of("Where", "/srv/x", "path", "^/.*", "/srv/y", "secret", "/srv`")) {
      assertTrue(doc.contains(shown), "runbook doc does not show " + shown + ":\n" + doc);
    }
  }

  /** render writes every step's keys in the descriptors' order, nested steps last. */
  @Test
  void renderWritesKeysInTheDescriptorsOrder() throws Exception {
    List<Path> files = new ArrayList<>(List.of(Path.of("src/test/resources/parse/valid/every-action.yaml"),
        ROOT.resolve("playbooks/thin-pool-metadata-repair.yaml")));
    int checked = 0;
    for (Path f : files) {
      String rendered = PlaybookWriter.write(PlaybookLoader.load(f));
      YamlMapping root = (YamlMapping) YamlDocument.parse("r.yaml", rendered, YamlLimits.DEFAULT).root();
      checked += steps(root.entry("steps").value());
    }
    assertTrue(checked > 40, "steps checked: " + checked);
  }

  private static int steps(YamlNode list) {
    int n = 0;
    for (YamlNode item : ((YamlSequence) list).items()) {
      YamlMapping step = (YamlMapping) item;
      List<String> keys = step.entries().stream().map(YamlMapping.Entry::keyText).toList();
      String action = keys.stream().filter(Actions.keys()::contains).findFirst().orElseThrow();
      ActionSpec a = Actions.byKey(action).orElseThrow();
      List<String> order = new ArrayList<>();
      List<KeySpec> nesting = new ArrayList<>();
      for (KeySpec k : Actions.COMMON) {
        if (k.type().kind() == ValueType.Kind.STEPS) {
          nesting.add(k);
        } else {
          order.add(k.name());
        }
      }
      order.addAll(a.bodyKeys().isEmpty() ? Actions.accepted(a.stepKeys()) : List.of(a.key()));
      nesting.forEach(k -> order.add(k.name()));
      assertEquals(order.stream().filter(keys::contains).toList(), keys, "keys of step " + keys);
      if (!a.bodyKeys().isEmpty()) {
        List<String> body = ((YamlMapping) step.entry(a.key()).value()).entries().stream()
            .map(YamlMapping.Entry::keyText).toList();
        List<String> bodyOrder = Actions.accepted(a.bodyKeys());
        assertEquals(bodyOrder.stream().filter(body::contains).toList(), body, "keys of " + a.key());
      }
      n++;
      for (String nested : List.of("steps", "on-failure")) {
        if (step.entry(nested) != null) {
          n += steps(step.entry(nested).value());
        }
      }
    }
    return n;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> step, List<String> path) {
    Map<String, Object> m = step;
    for (String key : path) {
      m = (Map<String, Object>) m.get(key);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> m) {
    try {
      return (Map<String, Object>) Json.parse(Json.write(m));
    } catch (runbook.json.JsonException e) {
      throw new AssertionError(e);
    }
  }
}
