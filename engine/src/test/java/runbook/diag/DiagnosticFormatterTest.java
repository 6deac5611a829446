package runbook.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.model.SourceSpan;

class DiagnosticFormatterTest {
  @TempDir Path dir;

  @Test
  void showsHeaderSourceLineCaretAndHint() {
    Diagnostic d = testRule("unknown-key").at(new SourceSpan("p.yaml", 2, 5), "unknown key `asert-output`")
        .withHint("did you mean `assert-output`?");
    String text = new DiagnosticFormatter().addSource("p.yaml", List.of("steps:", "  - asert-output: x")).format(d);
    assertEquals("p.yaml:2:5: error[unknown-key]: unknown key `asert-output`\n"
        + "    - asert-output: x\n"
        + "      ^\n"
        + "  hint: did you mean `assert-output`?\n", text);
  }

  @Test
  void readsTheSourceLineFromTheFileWhenNotGiven() throws Exception {
    Path file = dir.resolve("f.yaml");
    Files.writeString(file, "a: 1\nb: 2\n");
    Diagnostic d = testRule("bad-value").at(new SourceSpan(file.toString(), 2, 4), "bad");
    assertEquals(file + ":2:4: error[bad-value]: bad\n  b: 2\n     ^\n", new DiagnosticFormatter().format(d));
  }

  @Test
  void tabsBeforeTheColumnStayTabsSoTheCaretLinesUp() {
    Diagnostic d = testRule("r").at(new SourceSpan("t", 1, 3), "m");
    String text = new DiagnosticFormatter().addSource("t", List.of("\t x")).format(d);
    assertEquals("t:1:3: error[r]: m\n  \t x\n  \t ^\n", text);
  }

  @Test
  void unreadableSourceStillGivesTheHeader() {
    Diagnostic d = testRule("r").at(new SourceSpan(dir.resolve("absent").toString(), 3, 1), "m");
    assertEquals(d.span() + ": error[r]: m\n", new DiagnosticFormatter().format(d));
  }

  @Test
  void longLinesAreCutAroundTheColumn() {
    String line = "x".repeat(1000) + "Y" + "x".repeat(1000);
    Diagnostic d = testRule("r").at(new SourceSpan("t", 1, 1001), "m");
    String[] out = new DiagnosticFormatter().addSource("t", List.of(line)).format(d).split("\n");
    assertEquals('Y', out[1].charAt(out[2].indexOf('^')));
  }

  private static runbook.diag.Rule testRule(String id) {
    return runbook.diag.Rule.error(id, "a rule of this test", runbook.diag.Rule.Section.PARSE);
  }
}
