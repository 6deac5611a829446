package runbook.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import runbook.diag.Diagnostic;
import runbook.expr.ExprEngine;
import runbook.lint.Linter;

/** Lint of a variant reports what the variant changes, naming the variant for findings in its base. */
class VariantLintTest {
  private static final Path DIR = Path.of("src/test/resources/variant/lint");
  private final Linter linter = new Linter(ExprEngine::new, Set.of());

  private List<String> findings(String file) {
    return linter.lintFile(DIR.resolve(file)).stream()
        .map(d -> d.span() + " " + d.rule() + ": " + d.message()).toList();
  }

  @Test
  void theBaseAloneHasItsOwnFinding() {
    assertEquals(List.of(DIR + "/base.yaml:9:5 undocumented-change: step `grow` changes the system but has no `doc`"),
        findings("base.yaml"));
  }

  @Test
  void aVariantAnswersForWhatItChangesAndNamesItselfInTheBasesFindings() {
    List<Diagnostic> found = linter.lintFile(DIR.resolve("drops-confirm.yaml"));
    String variant = DIR.resolve("drops-confirm.yaml").toString();
    String base = DIR.resolve("base.yaml").toString();
    // the base's missing doc is the base's finding, reported when the base is linted, not here
    assertEquals(List.of(), found.stream().filter(d -> d.rule().equals("undocumented-change")).toList());
    List<String> unconfirmed = found.stream().filter(d -> d.rule().equals("unconfirmed-change"))
        .map(d -> d.span() + " " + d.message()).toList();
    assertEquals(2, unconfirmed.size(), String.join("\n", unconfirmed));
    // the base's `grow` is unconfirmed because the variant removed `ask`: reported at that patch,
    // naming the step in the base
    assertEquals(variant + ":6:5", unconfirmed.get(0).substring(0, unconfirmed.get(0).indexOf(' ')));
    assertEquals(true, unconfirmed.get(0).contains("through this variant, in " + base + ":9:5 (step `grow`)"),
        unconfirmed.get(0));
    assertEquals(variant + ":9:9", unconfirmed.get(1).substring(0, unconfirmed.get(1).indexOf(' ')));
    assertEquals(false, unconfirmed.get(1).contains("through"), unconfirmed.get(1));
  }
}
