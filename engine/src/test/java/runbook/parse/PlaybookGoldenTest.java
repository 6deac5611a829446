package runbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import runbook.diag.DiagnosticFormatter;
import runbook.diag.InvalidInputException;

/**
 * Every {@code parse/invalid/<case>.yaml} must fail with exactly the diagnostics in
 * {@code <case>.expected}; every {@code parse/valid/*.yaml} must parse clean. Run with
 * {@code -Dgolden.update=true} to rewrite the expected files after a deliberate change.
 */
class PlaybookGoldenTest {
  // relative, so that the paths in the expected files do not depend on where the project lives
  private static final Path ROOT = Path.of("src/test/resources/parse");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TestFactory
  Stream<DynamicTest> invalidPlaybooksReportExactlyTheExpectedDiagnostics() throws IOException {
    return fixtures(ROOT.resolve("invalid")).map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlaybookParser.parse(file));
      String actual = new DiagnosticFormatter().format(e.diagnostics());
      Path expectedFile = Path.of(file.toString().replaceAll("\\.yaml$", ".expected"));
      if (UPDATE) {
        Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      }
      assertTrue(Files.exists(expectedFile), "missing " + expectedFile + "; run with -Dgolden.update=true");
      assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual);
    }));
  }

  @TestFactory
  Stream<DynamicTest> validPlaybooksParseClean() throws IOException {
    return fixtures(ROOT.resolve("valid")).map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      try {
        PlaybookParser.parse(file);
      } catch (InvalidInputException e) {
        throw new AssertionError(new DiagnosticFormatter().format(e.diagnostics()), e);
      }
    }));
  }

  /** A rule no fixture triggers is a rule nobody has seen work; a missing file cannot be a fixture. */
  @Test
  void everyRuleButUnreadableFileHasAnInvalidFixture() throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path p : fixtures(ROOT.resolve("invalid")).toList()) {
      all.append(Files.readString(Path.of(p.toString().replaceAll("\\.yaml$", ".expected")), StandardCharsets.UTF_8));
    }
    for (runbook.diag.Rule rule : ParseRule.ALL) {
      if (rule != ParseRule.UNREADABLE) {
        assertTrue(all.indexOf("error[" + rule.id() + "]") >= 0, "no fixture reports " + rule.id());
      }
    }
  }

  private static Stream<Path> fixtures(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertTrue(!yaml.isEmpty(), "no fixtures in " + dir);
      return yaml.stream();
    }
  }
}
