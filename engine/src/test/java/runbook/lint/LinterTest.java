package runbook.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import runbook.diag.Diagnostic;
import runbook.expr.ExprEngine;

class LinterTest {
  private static Path dir() throws Exception {
    return Path.of(LinterTest.class.getResource("/lint-variant").toURI());
  }

  private static List<String> where(LintReport report) {
    return report.findings().stream()
        .map(d -> Path.of(d.span().file()).getFileName() + ":" + d.span().line() + " " + d.rule())
        .toList();
  }

  @Test
  void aBaseLintedWithItsVariantReportsEachFindingOnce() throws Exception {
    LintReport report = new Linter(ExprEngine::new, Set.of())
        .lint(List.of(dir().resolve("base.yaml"), dir().resolve("child.yaml")));
    assertEquals(List.of("base.yaml:19 needless-shell", "child.yaml:12 needless-shell"), where(report));
  }

  @Test
  void aVariantLintedAloneAnswersOnlyForWhatItChanges() throws Exception {
    List<Diagnostic> found = new Linter(ExprEngine::new, Set.of()).lintFile(dir().resolve("child.yaml"));
    assertEquals(List.of("child.yaml:12 needless-shell"),
        where(new LintReport(List.of("child.yaml"), found.stream().sorted().toList())));
  }

  @Test
  void theBasesCommentsSilenceWhatAVariantCausesInTheBasesSteps() throws Exception {
    // without the confirm, `quiet` is an unconfirmed change; the base's comment above it silences that
    List<Diagnostic> found = new Linter(ExprEngine::new, Set.of()).lintFile(dir().resolve("no-confirm.yaml"));
    assertEquals(List.of(), where(new LintReport(List.of("no-confirm.yaml"), found)));
  }
}
