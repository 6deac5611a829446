package runbook.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import runbook.diag.Rule;

/** {@code docs/lint-rules.md} and the rule list stay in step: a section per rule, a rule per section. */
class LintRulesDocTest {
  static Path root() {
    return Path.of(System.getProperty("runbook.root", ".."));
  }

  /** The text of every {@code ## id} section, by id. */
  static Map<String, String> sections() throws Exception {
    String doc = Files.readString(root().resolve("docs/lint-rules.md"), StandardCharsets.UTF_8);
    Map<String, String> out = new LinkedHashMap<>();
    String[] parts = doc.split("\n## ");
    for (int i = 1; i < parts.length; i++) {
      int nl = parts[i].indexOf('\n');
      out.put(parts[i].substring(0, nl).strip(), parts[i].substring(nl + 1));
    }
    return out;
  }

  @Test
  void thePagesIndexIsMadeFromTheRegistry() throws Exception {
    runbook.docs.GeneratedDocs.check("docs/lint-rules.md", "rule index", LintRules.index());
  }

  @Test
  void theSectionsFollowTheRegistrysOrder() throws Exception {
    assertEquals(List.copyOf(LintRules.all().keySet()), List.copyOf(sections().keySet()));
  }

  @Test
  void everyRuleHasASectionAndEverySectionARule() throws Exception {
    assertEquals(new TreeSet<>(LintRules.all().keySet()), new TreeSet<>(sections().keySet()));
  }

  @Test
  void everySectionStatesTheSeveritySummaryAndABadAndAGoodExample() throws Exception {
    Map<String, String> sections = sections();
    for (Rule r : LintRules.all().values()) {
      String text = sections.get(r.id());
      assertTrue(text.contains("**Severity:** " + r.severity().key() + ". "), r.id() + ": severity");
      assertTrue(text.toLowerCase(Locale.ROOT).contains(r.summary().toLowerCase(Locale.ROOT)), r.id() + ": summary");
      int bad = text.indexOf("Bad:\n\n```yaml\n");
      int good = text.indexOf("Good:\n\n```yaml\n");
      assertTrue(bad >= 0 && good > bad, r.id() + ": a bad example, then a good one");
    }
  }

  @Test
  void everyCheckedRuleHasABadAndAGoodFixture() throws Exception {
    Set<String> missing = new TreeSet<>();
    Path fixtures = LintGoldenTest.fixtures();
    List<Rule> checked = new ArrayList<>();
    LintRules.playbookChecks().forEach(c -> checked.add(c.rule()));
    LintRules.scenarioChecks().forEach(c -> checked.add(c.rule()));
    for (Rule r : checked) {
      for (String kind : new String[] {".bad.yaml", ".good.yaml"}) {
        if (!Files.exists(fixtures.resolve(r.id() + kind))) {
          missing.add(r.id() + kind);
        }
      }
    }
    assertEquals(Set.of(), missing);
  }
}
