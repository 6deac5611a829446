package runbook.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import runbook.diag.DiagnosticFormatter;
import runbook.diag.InvalidInputException;
import runbook.model.Playbook;
import runbook.parse.PlaybookParser;
import runbook.parse.YamlDocument;
import runbook.parse.YamlLimits;

/** What {@code runbook render} prints reads back as the same playbook. */
class PlaybookWriterTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", ".."));

  static Playbook reparse(String text) throws InvalidInputException {
    try {
      return PlaybookParser.read(YamlDocument.parse("rendered.yaml", text, YamlLimits.DEFAULT));
    } catch (InvalidInputException e) {
      throw new AssertionError(new DiagnosticFormatter().addSource("rendered.yaml", text.lines().toList())
          .format(e.diagnostics()) + "\n" + text, e);
    }
  }

  @TestFactory
  Stream<DynamicTest> renderedPlaybooksReadBackAsTheSamePlaybook() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> valid = Files.list(PatchOperationsTest.DIR.resolve("valid"))) {
      valid.sorted().forEach(files::add);
    }
    files.add(PatchOperationsTest.DIR.resolve("bases/base.yaml"));
    files.add(Path.of("src/test/resources/parse/valid/every-action.yaml"));
    for (String dir : List.of("playbooks", "examples")) {
      if (Files.isDirectory(ROOT.resolve(dir))) {
        try (Stream<Path> all = Files.walk(ROOT.resolve(dir))) {
          all.filter(f -> f.toString().endsWith(".yaml") && !f.toString().endsWith(".scenario.yaml")
              && !f.toString().contains("/scenarios/")).sorted().forEach(files::add);
        }
      }
    }
    return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
      Playbook original = PatchOperationsTest.loadPath(file);
      String text = PlaybookWriter.write(original);
      assertEquals(Positions.strip(original), Positions.strip(reparse(text)));
      assertEquals(withoutComments(text), withoutComments(PlaybookWriter.write(reparse(text))), "rendering is stable");
    }));
  }

  private static String withoutComments(String yaml) {
    return yaml.replaceAll("(?m)^ *# .*\n", "");
  }

  @Test
  void eachStepIsPrecededByTheFileAndLineItCameFrom() {
    Playbook p = PatchOperationsTest.load("valid/before-after.yaml");
    String text = PlaybookWriter.write(p);
    String variant = PatchOperationsTest.DIR.resolve("valid/before-after.yaml").toString();
    assertTrue(text.startsWith("# resolved from " + variant + ", " + PatchOperationsTest.BASE + "\n"), text);
    assertTrue(text.contains("  # from " + variant + ":8\n  - id: \"ticket_note\"\n"), text);
    assertTrue(text.contains("  # from " + PatchOperationsTest.BASE + ":44\n  - id: \"change\"\n"), text);
    assertTrue(text.contains("      # from " + PatchOperationsTest.BASE + ":22\n      - id: \"list\"\n"), text);
  }

  @Test
  void stringsThatYamlWouldMisreadAreQuotedAndEscaped() throws InvalidInputException {
    String tricky = "a: b # c\t\"q\" \\ ${x} \u0007 - [x] {y} 'z' \u2028";
    assertEquals("\"a: b # c\\t\\\"q\\\" \\\\ ${x} \\u0007 - [x] {y} 'z' \\u2028\"", YamlText.quote(tricky));
    String yaml = "runbook: 1\nname: n\ntitle: " + YamlText.quote(tricky) + "\nsteps:\n"
        + "  - {id: s, title: t, run: echo}\n";
    assertEquals(tricky, reparse(yaml).title());
  }

  @Test
  void multiLineTextBecomesALiteralBlockOnlyWhenTheBlockKeepsItExactly() throws InvalidInputException {
    YamlText out = new YamlText();
    out.string("a", "one\n  two\n\nthree\n");
    out.string("b", "no newline at the end\nsecond");
    out.string("c", "two newlines\n\n");
    out.string("d", " leading space\nsecond");
    out.string("e", "trailing space \nsecond");
    String text = out.toString();
    assertEquals("a: |\n  one\n    two\n\n  three\nb: |-\n  no newline at the end\n  second\nc: |+\n  two newlines\n\n"
        + "d: \" leading space\\nsecond\"\ne: \"trailing space \\nsecond\"\n", text);
    YamlDocument doc = YamlDocument.parse("t.yaml", text, YamlLimits.DEFAULT);
    String again = doc.root().toString();
    assertNotEquals("", again);
    runbook.parse.YamlMapping m = (runbook.parse.YamlMapping) doc.root();
    assertEquals("one\n  two\n\nthree\n", ((runbook.parse.YamlScalar) m.entry("a").value()).value());
    assertEquals("no newline at the end\nsecond", ((runbook.parse.YamlScalar) m.entry("b").value()).value());
    assertEquals("two newlines\n\n", ((runbook.parse.YamlScalar) m.entry("c").value()).value());
    assertEquals(" leading space\nsecond", ((runbook.parse.YamlScalar) m.entry("d").value()).value());
    assertEquals("trailing space \nsecond", ((runbook.parse.YamlScalar) m.entry("e").value()).value());
  }
}
