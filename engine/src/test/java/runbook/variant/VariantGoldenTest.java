package runbook.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import runbook.diag.DiagnosticFormatter;
import runbook.diag.InvalidInputException;

/**
 * Every {@code variant/invalid/<case>.yaml} must fail to load with exactly the diagnostics in
 * {@code <case>.expected}. Run with {@code -Dgolden.update=true} to rewrite them after a deliberate
 * change, and read the diff.
 */
class VariantGoldenTest {
  private static final Path ROOT = Path.of("src/test/resources/variant/invalid");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TestFactory
  Stream<DynamicTest> invalidVariantsReportExactlyTheExpectedDiagnostics() throws IOException {
    return fixtures().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlaybookLoader.load(file));
      String actual = new DiagnosticFormatter().format(e.diagnostics());
      Path expected = Path.of(file.toString().replaceAll("\\.yaml$", ".expected"));
      if (UPDATE) {
        Files.writeString(expected, actual, StandardCharsets.UTF_8);
      }
      assertTrue(Files.exists(expected), "missing " + expected + "; run with -Dgolden.update=true");
      assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
    }));
  }

  /** A rule that no fixture triggers is a rule nobody has seen work. */
  @Test
  void everyVariantRuleHasAnInvalidFixture() throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path p : fixtures().toList()) {
      all.append(Files.readString(Path.of(p.toString().replaceAll("\\.yaml$", ".expected")), StandardCharsets.UTF_8));
    }
    for (runbook.diag.Rule rule : VariantRule.ALL) {
      assertTrue(all.toString().contains("error[" + rule.id() + "]"), "no fixture reports " + rule.id());
    }
  }

  private static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(ROOT)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }
}
