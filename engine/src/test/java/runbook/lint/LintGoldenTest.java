package runbook.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import runbook.diag.Diagnostic;
import runbook.expr.ExprEngine;

/**
 * Every fixture under {@code lint/}: the findings are exactly the {@code # expect: rule-id} comments,
 * as (line, rule) pairs; a {@code *.good.yaml} lints clean.
 */
class LintGoldenTest {
  private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*([a-z0-9, -]+)");

  static Path fixtures() throws URISyntaxException {
    return Path.of(LintGoldenTest.class.getResource("/lint").toURI());
  }

  @TestFactory
  Stream<DynamicTest> findingsAreExactlyTheExpectComments() throws Exception {
    Linter linter = new Linter(ExprEngine::new, Set.of());
    List<Path> files;
    try (Stream<Path> s = Files.list(fixtures())) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() > 20, "fixtures found: " + files);
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      Set<String> expected = expected(f);
      if (f.toString().endsWith(".good.yaml")) {
        assertTrue(expected.isEmpty(), "a good fixture expects nothing");
      } else {
        assertTrue(!expected.isEmpty(), "a bad fixture expects at least one finding");
      }
      Set<String> actual = new TreeSet<>();
      StringBuilder detail = new StringBuilder();
      for (Diagnostic d : linter.lintFile(f)) {
        actual.add(d.span().line() + " " + d.rule());
        detail.append(d.span()).append(' ').append(d.rule()).append(": ").append(d.message()).append('\n');
      }
      assertEquals(expected, actual, detail.toString());
    }));
  }

  static Set<String> expected(Path file) throws IOException {
    Set<String> out = new TreeSet<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = EXPECT.matcher(lines.get(i));
      if (m.find()) {
        for (String rule : m.group(1).split(",")) {
          out.add((i + 1) + " " + rule.strip());
        }
      }
    }
    return out;
  }
}
