package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import runbook.diag.Diagnostic;
import runbook.expr.ExprEngine;
import runbook.lint.Linter;

/**
 * A corpus of realistic mistakes (src/test/resources/mistakes/, one per file, each marked with
 * {@code # expect: rule} on its line): typos in keys, result fields, columns and group names,
 * unclosed quotes, shell syntax without a shell, broken templates, weakened guards, variants that
 * misname targets or insert broken steps, in groups, probes, fixes and on-failure steps. Each is
 * reported by {@code lint} at its line (or at its exact place, {@code # expect at LINE:COL: rule}),
 * and refused by {@code run} before the first step.
 */
class MistakesCorpusTest {
  private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*([a-z0-9, -]+)");
  /**
   * A finding inside a block or multi-line scalar, where a comment cannot stand on its line, is
   * marked by {@code # expect at LINE:COL: rule} anywhere: it must be reported at that exact place.
   */
  private static final Pattern EXPECT_AT = Pattern.compile("#\\s*expect at (\\d+:\\d+):\\s*([a-z0-9, -]+)");

  @TempDir Path tmp;

  private static Path dir() throws Exception {
    return Path.of(MistakesCorpusTest.class.getResource("/mistakes").toURI());
  }

  private static List<Path> cases() throws Exception {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("base.yaml"))
          .sorted().toList();
    }
  }

  private static Set<String> expected(Path file) throws Exception {
    Set<String> out = new TreeSet<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      Matcher at = EXPECT_AT.matcher(lines.get(i));
      if (at.find()) {
        for (String rule : at.group(2).split(",")) {
          out.add(at.group(1) + " " + rule.strip());
        }
      }
      Matcher m = EXPECT.matcher(lines.get(i));
      if (m.find()) {
        for (String rule : m.group(1).split(",")) {
          out.add((i + 1) + " " + rule.strip());
        }
      }
    }
    return out;
  }

  @Test
  void theCorpusHasAtLeastSixtyMistakesAndItsBaseIsClean() throws Exception {
    assertTrue(cases().size() >= 60, "mistakes: " + cases().size());
    List<Diagnostic> base = new Linter(ExprEngine::new, Set.of()).lintFile(dir().resolve("base.yaml"));
    assertEquals(List.of(), base, "the base the mistakes start from lints clean");
  }

  @TestFactory
  Stream<DynamicTest> lintReportsEachMistakeAtItsLine() throws Exception {
    Linter linter = new Linter(ExprEngine::new, Set.of());
    return cases().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      Set<String> expected = expected(f);
      assertFalse(expected.isEmpty(), "every case marks its mistake");
      Set<String> actual = new TreeSet<>();
      StringBuilder detail = new StringBuilder();
      for (Diagnostic d : linter.lintFile(f)) {
        // one rule type: whoever reported it, a finding is under a rule of the one registry
        assertTrue(runbook.lint.LintRules.byId(d.rule()).isPresent(), "not a registered rule: " + d.rule());
        if (d.span().file().equals(f.toString())) {
          actual.add(d.span().line() + " " + d.rule());
          actual.add(d.span().line() + ":" + d.span().column() + " " + d.rule());
        }
        detail.append(d.span()).append(' ').append(d.rule()).append(": ").append(d.message()).append('\n');
      }
      assertTrue(actual.containsAll(expected), "expected " + expected + "\nfound:\n" + detail);
    }));
  }

  @TestFactory
  Stream<DynamicTest> runRefusesEachMistakeBeforeTheFirstStep() throws Exception {
    return cases().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      Path state = Files.createTempDirectory(tmp, "state");
      Path marker = Files.createTempDirectory(tmp, "dir");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.execute(new String[] {"run", f.toString(), "--state-dir", state.toString(), "--yes",
          "--non-interactive", "--set", "dir=" + marker},
          new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), Map.of());
      assertEquals(65, code, out + "\n" + err);
      assertTrue(err.toString().contains("nothing was run"), err.toString());
      try (Stream<Path> written = Files.list(marker)) {
        assertEquals(0, written.count(), "no step ran");
      }
    }));
  }
}
