package runbook.lint.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import runbook.diag.InvalidInputException;
import runbook.json.Json;
import runbook.lint.LintFiles;
import runbook.variant.PlaybookLoader;

/**
 * Editors validate playbooks with {@code runbook schema}'s output, so it must agree with the engine:
 * a standard validator (not our code) accepts every shipped playbook, variant and example, and
 * rejects what the engine rejects where a schema can say it.
 */
class StandardValidatorTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", ".."));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonSchema schema() throws IOException {
    return schema(PlaybookSchema.build());
  }

  private static JsonSchema schema(java.util.Map<String, Object> built) throws IOException {
    JsonNode node = MAPPER.readTree(Json.writePretty(built));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
  }

  private static JsonNode yaml(String text) {
    Object value = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(text);
    return MAPPER.valueToTree(value);
  }

  private static List<Path> shipped() throws IOException {
    List<Path> out = new java.util.ArrayList<>();
    for (Path root : List.of(ROOT.resolve("playbooks"), ROOT.resolve("examples"))) {
      for (Path p : LintFiles.find(List.of(root))) {
        if (LintFiles.kind(p) == LintFiles.Kind.PLAYBOOK) {
          out.add(p);
        }
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyShippedPlaybookAndVariantIsValid() throws IOException {
    JsonSchema schema = schema();
    List<Path> files = shipped();
    assertFalse(files.size() < 6, "shipped files found: " + files);
    return files.stream().map(f -> DynamicTest.dynamicTest(ROOT.relativize(f).toString(), () -> {
      PlaybookLoader.load(f); // the engine accepts it
      Set<ValidationMessage> errors = schema.validate(yaml(Files.readString(f, StandardCharsets.UTF_8)));
      assertEquals(Set.of(), errors, f.toString());
    }));
  }

  /** Each is a mistake the engine refuses and a schema can describe. */
  private static final List<String[]> REJECTED = List.of(
      new String[] {"unknown step key", "runbook: 1\nname: a\ntitle: A\nsteps:\n  - id: x\n    title: X\n    runn: [true]\n"},
      new String[] {"two actions", "runbook: 1\nname: a\ntitle: A\nsteps:\n  - id: x\n    title: X\n    run: [true]\n    confirm: {prompt: p}\n"},
      new String[] {"no title", "runbook: 1\nname: a\nsteps:\n  - id: x\n    title: X\n    run: [true]\n"},
      new String[] {"bad step id", "runbook: 1\nname: a\ntitle: A\nsteps:\n  - id: X-1\n    title: X\n    run: [true]\n"},
      new String[] {"bad on-decline", "runbook: 1\nname: a\ntitle: A\nsteps:\n  - id: x\n    title: X\n    confirm: {prompt: p, on-decline: maybe}\n"},
      new String[] {"unknown confirm key", "runbook: 1\nname: a\ntitle: A\nsteps:\n  - id: x\n    title: X\n    confirm: {promt: p}\n"},
      new String[] {"unknown table key", "runbook: 1\nname: a\ntitle: A\nsteps:\n  - id: x\n    title: X\n    parse-table: {run: lvs, format: aligned, colums: [a]}\n"},
      new String[] {"variant with steps", "runbook: 1\nname: a\ntitle: A\nextends: b.yaml\nsteps:\n  - id: x\n    title: X\n    run: [true]\n"},
      new String[] {"patch without operation", "runbook: 1\nname: a\ntitle: A\nextends: b.yaml\npatch:\n  - steps: []\n"},
      new String[] {"bad format version", "runbook: 2\nname: a\ntitle: A\nsteps:\n  - id: x\n    title: X\n    run: [true]\n"},
      new String[] {"requires mapping outside a variant", "runbook: 1\nname: a\ntitle: A\nrequires: {lvs: true}\nsteps:\n  - id: x\n    title: X\n    run: [true]\n"},
      new String[] {"bad duration", "runbook: 1\nname: a\ntitle: A\nsteps:\n  - id: x\n    title: X\n    timeout: soon\n    run: [true]\n"});

  @TestFactory
  Stream<DynamicTest> whatTheEngineRejectsTheSchemaRejects(@TempDir Path dir) throws IOException {
    JsonSchema schema = schema();
    Files.writeString(dir.resolve("b.yaml"), "runbook: 1\nname: b\ntitle: B\nsteps:\n  - id: y\n    title: Y\n    run: [true]\n");
    return REJECTED.stream().map(c -> DynamicTest.dynamicTest(c[0], () -> {
      Path f = dir.resolve(c[0].replace(' ', '-') + ".yaml");
      Files.writeString(f, c[1]);
      assertThrows(InvalidInputException.class, () -> PlaybookLoader.load(f), "the engine rejects it");
      assertFalse(schema.validate(yaml(c[1])).isEmpty(), "the schema rejects it too");
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyShippedScenarioIsValidForTheScenarioSchema() throws IOException {
    JsonSchema schema = schema(ScenarioSchema.build());
    JsonSchema playbookSchema = schema();
    List<Path> files = new java.util.ArrayList<>();
    for (Path p : LintFiles.find(List.of(ROOT.resolve("playbooks"), ROOT.resolve("examples")))) {
      if (LintFiles.kind(p) == LintFiles.Kind.SCENARIO) {
        files.add(p);
      }
    }
    assertFalse(files.size() < 10, "shipped scenarios found: " + files);
    return files.stream().map(f -> DynamicTest.dynamicTest(ROOT.relativize(f).toString(), () -> {
      runbook.scenario.ScenarioReader.read(f); // the engine accepts it
      JsonNode doc = yaml(Files.readString(f, StandardCharsets.UTF_8));
      assertEquals(Set.of(), schema.validate(doc), f.toString());
      // and an editor that applied the playbook schema to it would mark it wrong: it needs its own
      assertFalse(playbookSchema.validate(doc).isEmpty(), f.toString());
    }));
  }

  /** Scenario mistakes the engine refuses and a schema can describe. */
  private static final List<String[]> REJECTED_SCENARIOS = List.of(
      new String[] {"unknown key", "scenario: 1\ntitle: T\nplaybook: p.yaml\ncommands: []\nexpected: {outcome: failed}\n"},
      new String[] {"no playbook", "scenario: 1\ntitle: T\ncommands: []\n"},
      new String[] {"bad version", "scenario: 2\ntitle: T\nplaybook: p.yaml\ncommands: []\n"},
      new String[] {"unknown rule key", "scenario: 1\ntitle: T\nplaybook: p.yaml\ncommands:\n  - match: 'lvs*'\n    stdot: x\n"},
      new String[] {"match and regex", "scenario: 1\ntitle: T\nplaybook: p.yaml\ncommands:\n  - match: 'lvs*'\n    regex: '^lvs'\n"},
      new String[] {"exit out of range", "scenario: 1\ntitle: T\nplaybook: p.yaml\ncommands:\n  - match: 'lvs*'\n    exit: 300\n"},
      new String[] {"bad outcome", "scenario: 1\ntitle: T\nplaybook: p.yaml\ncommands: []\nexpect: {outcome: passed}\n"},
      new String[] {"param without value", "scenario: 1\ntitle: T\nplaybook: p.yaml\nparams: {vg: ~}\ncommands: []\n"});

  @TestFactory
  Stream<DynamicTest> whatTheEngineRejectsInAScenarioTheSchemaRejects(@TempDir Path dir) throws IOException {
    JsonSchema schema = schema(ScenarioSchema.build());
    Files.writeString(dir.resolve("p.yaml"), "runbook: 1\nname: p\ntitle: P\nsteps:\n  - id: y\n    title: Y\n    run: [true]\n");
    return REJECTED_SCENARIOS.stream().map(c -> DynamicTest.dynamicTest(c[0], () -> {
      Path f = dir.resolve(c[0].replace(' ', '-') + ".scenario.yaml");
      Files.writeString(f, c[1]);
      assertThrows(InvalidInputException.class, () -> runbook.scenario.ScenarioReader.read(f), "the engine rejects it");
      assertFalse(schema.validate(yaml(c[1])).isEmpty(), "the schema rejects it too");
    }));
  }
}
