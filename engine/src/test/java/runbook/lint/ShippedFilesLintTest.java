package runbook.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import runbook.diag.DiagnosticFormatter;
import runbook.expr.ExprEngine;

/** Every playbook, variant and scenario the project ships lints clean, warnings included (as {@code --strict}). */
class ShippedFilesLintTest {
  @Test
  void everyShippedFileLintsCleanUnderStrict() throws Exception {
    Path root = LintRulesDocTest.root();
    List<Path> roots = new ArrayList<>();
    for (String dir : new String[] {"playbooks", "examples"}) {
      if (Files.isDirectory(root.resolve(dir))) {
        roots.add(root.resolve(dir));
      }
    }
    List<Path> files = LintFiles.find(roots);
    assertFalse(files.isEmpty(), "no playbooks found under " + roots);
    LintReport report = new Linter(ExprEngine::new, Set.of()).lint(files);
    assertEquals("", new DiagnosticFormatter().format(report.findings()), report.summary());
  }
}
