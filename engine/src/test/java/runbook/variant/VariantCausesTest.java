package runbook.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import runbook.diag.Diagnostic;
import runbook.expr.ExprEngine;
import runbook.lint.Linter;

/**
 * A finding that a variant causes in its base points at the key in the variant that caused it, to
 * the column: not at the variant's `patch:` key, whatever the finding's kind (a lint check's or the
 * parser's). The fixtures are cases of the mistakes corpus.
 */
class VariantCausesTest {
  private static final Path DIR = Path.of("src/test/resources/mistakes");
  private final Linter linter = new Linter(ExprEngine::new, Set.of());

  private List<String> findings(String file) {
    return linter.lintFile(DIR.resolve(file)).stream().map(d -> d.span() + " " + d.rule()).toList();
  }

  private Diagnostic only(String file, String rule) {
    List<Diagnostic> found = linter.lintFile(DIR.resolve(file)).stream().filter(d -> d.rule().equals(rule)).toList();
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  @Test
  void aVarRemovedThatTheBaseReadsIsReportedAtItsRemoval() {
    Diagnostic d = only("variant-removes-var-base-reads.yaml", "undefined-name");
    assertEquals(DIR.resolve("variant-removes-var-base-reads.yaml") + ":6:3", d.span().toString());
    assertTrue(d.message().startsWith("through this variant, in " + DIR.resolve("base.yaml") + ":"), d.message());
    assertTrue(d.message().contains("(step `write`)"), d.message());
  }

  @Test
  void aParamChangeThatBreaksTheBasesDefaultIsReportedAtTheKeyItChanges() {
    assertEquals(List.of(DIR.resolve("variant-param-type-breaks-default.yaml") + ":6:9 bad-default"),
        findings("variant-param-type-breaks-default.yaml"));
    assertEquals(List.of(DIR.resolve("variant-param-pattern-breaks-default.yaml") + ":6:8 bad-default"),
        findings("variant-param-pattern-breaks-default.yaml"));
    assertTrue(only("variant-param-type-breaks-default.yaml", "bad-default").message().contains("(param `dir`)"));
  }

  @Test
  void aRemovedStepTheBaseReadsIsReportedAtItsRemove() {
    for (String f : findings("variant-removes-step-base-reads.yaml")) {
      assertTrue(f.startsWith(DIR.resolve("variant-removes-step-base-reads.yaml") + ":6:5 "), f);
    }
  }
}
