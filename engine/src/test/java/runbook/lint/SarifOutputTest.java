package runbook.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import runbook.expr.ExprEngine;
import runbook.json.Json;

/**
 * The SARIF output against the SARIF 2.1.0 schema: for every object it writes, the properties the
 * schema requires are there, no property the schema does not define (its objects allow no others),
 * and enumerations and minimums hold.
 */
class SarifOutputTest {
  /** Per SARIF object: the properties the schema defines, and those it requires. */
  private record Shape(Set<String> allowed, Set<String> required) {}

  private static final Shape LOG = new Shape(Set.of("$schema", "version", "runs", "inlineExternalProperties", "properties"),
      Set.of("version", "runs"));
  private static final Shape RUN = new Shape(Set.of("tool", "invocations", "conversion", "language", "versionControlProvenance",
      "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results", "automationDetails",
      "runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage",
      "newlineSequences", "columnKind", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies",
      "addresses", "translations", "policies", "webRequests", "webResponses", "specialLocations", "properties"),
      Set.of("tool"));
  private static final Shape TOOL = new Shape(Set.of("driver", "extensions", "properties"), Set.of("driver"));
  private static final Shape DRIVER = new Shape(Set.of("guid", "name", "organization", "product", "productSuite",
      "shortDescription", "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
      "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications", "rules", "taxa",
      "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
      "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata",
      "supportedTaxonomies", "properties"), Set.of("name"));
  private static final Shape RULE = new Shape(Set.of("id", "deprecatedIds", "guid", "deprecatedGuids", "name",
      "deprecatedNames", "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration", "helpUri",
      "help", "relationships", "properties"), Set.of("id"));
  private static final Shape TEXT = new Shape(Set.of("text", "markdown", "properties"), Set.of("text"));
  private static final Shape CONFIGURATION = new Shape(Set.of("enabled", "level", "rank", "parameters", "properties"),
      Set.of());
  private static final Shape RESULT = new Shape(Set.of("ruleId", "ruleIndex", "rule", "kind", "level", "message",
      "analysisTarget", "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints",
      "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions",
      "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa",
      "webRequest", "webResponse", "properties"), Set.of("message"));
  private static final Shape MESSAGE = new Shape(Set.of("text", "markdown", "id", "arguments", "properties"), Set.of());
  private static final Shape LOCATION = new Shape(Set.of("id", "physicalLocation", "logicalLocations", "message",
      "annotations", "relationships", "properties"), Set.of());
  private static final Shape PHYSICAL = new Shape(Set.of("address", "artifactLocation", "region", "contextRegion",
      "properties"), Set.of("artifactLocation"));
  private static final Shape ARTIFACT = new Shape(Set.of("uri", "uriBaseId", "index", "description", "properties"),
      Set.of());
  private static final Shape REGION = new Shape(Set.of("startLine", "startColumn", "endLine", "endColumn",
      "charOffset", "charLength", "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"),
      Set.of());
  private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

  private final List<String> problems = new ArrayList<>();

  @Test
  void sarifHasEveryPropertyTheSchemaRequiresAndNoOther() throws Exception {
    Path fixtures = LintGoldenTest.fixtures();
    Linter linter = new Linter(ExprEngine::new, Set.of());
    LintReport report = linter.lint(List.of(fixtures.resolve("secret-printed.bad.yaml"),
        fixtures.resolve("needless-shell.bad.yaml"), fixtures.resolve("yaml-syntax.bad.yaml")));
    assertTrue(report.findings().size() >= 4, report.findings().toString());

    Map<?, ?> log = (Map<?, ?>) Json.parse(LintFormat.SARIF.render(report));
    shape("sarifLog", log, LOG);
    assertEquals("2.1.0", log.get("version"));
    List<?> runs = (List<?>) log.get("runs");
    assertEquals(1, runs.size());
    Map<?, ?> run = (Map<?, ?>) runs.get(0);
    shape("run", run, RUN);
    Map<?, ?> tool = (Map<?, ?>) run.get("tool");
    shape("tool", tool, TOOL);
    Map<?, ?> driver = (Map<?, ?>) tool.get("driver");
    shape("driver", driver, DRIVER);
    List<?> rules = (List<?>) driver.get("rules");
    assertEquals(LintRules.all().size(), rules.size());
    for (Object o : rules) {
      Map<?, ?> rule = (Map<?, ?>) o;
      shape("rule", rule, RULE);
      shape("shortDescription", (Map<?, ?>) rule.get("shortDescription"), TEXT);
      Map<?, ?> conf = (Map<?, ?>) rule.get("defaultConfiguration");
      shape("defaultConfiguration", conf, CONFIGURATION);
      check(LEVELS.contains(conf.get("level")), "level " + conf.get("level"));
      check(rule.get("helpUri").equals("docs/lint-rules.md#" + rule.get("id")), "helpUri " + rule.get("helpUri"));
    }
    List<?> results = (List<?>) run.get("results");
    assertEquals(report.findings().size(), results.size());
    for (Object o : results) {
      Map<?, ?> result = (Map<?, ?>) o;
      shape("result", result, RESULT);
      check(LEVELS.contains(result.get("level")), "level " + result.get("level"));
      Map<?, ?> message = (Map<?, ?>) result.get("message");
      shape("message", message, MESSAGE);
      check(message.get("text") instanceof String, "message.text");
      long index = (Long) result.get("ruleIndex");
      check(((Map<?, ?>) rules.get((int) index)).get("id").equals(result.get("ruleId")), "ruleIndex points at ruleId");
      for (Object l : (List<?>) result.get("locations")) {
        Map<?, ?> location = (Map<?, ?>) l;
        shape("location", location, LOCATION);
        Map<?, ?> physical = (Map<?, ?>) location.get("physicalLocation");
        shape("physicalLocation", physical, PHYSICAL);
        Map<?, ?> artifact = (Map<?, ?>) physical.get("artifactLocation");
        shape("artifactLocation", artifact, ARTIFACT);
        String uri = (String) artifact.get("uri");
        check(!uri.startsWith("/") && !uri.contains("\\"), "relative uri " + uri);
        check("%SRCROOT%".equals(artifact.get("uriBaseId")), "uriBaseId");
        Map<?, ?> region = (Map<?, ?>) physical.get("region");
        shape("region", region, REGION);
        check((Long) region.get("startLine") >= 1 && (Long) region.get("startColumn") >= 1, "region >= 1");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void theCheckRejectsAnUnknownProperty() {
    shape("region", Map.of("startLine", 1L, "line", 1L), REGION);
    shape("sarifLog", Map.of("runs", List.of()), LOG);
    assertFalse(problems.isEmpty());
    assertEquals(2, problems.size(), problems.toString());
  }

  private void shape(String what, Map<?, ?> object, Shape shape) {
    for (Object key : object.keySet()) {
      check(shape.allowed().contains(key), what + " has a property the schema does not define: " + key);
    }
    for (String key : shape.required()) {
      check(object.containsKey(key), what + " lacks the required property " + key);
    }
  }

  private void check(boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }
}
