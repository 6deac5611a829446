package runbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;

class YamlDocumentTest {
  @TempDir Path dir;

  private static YamlDocument parse(String text) throws InvalidInputException {
    return YamlDocument.parse("t.yaml", text, YamlLimits.DEFAULT);
  }

  private static Diagnostic failure(String text) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(text));
    assertEquals(1, e.diagnostics().size(), e.diagnostics().toString());
    return e.diagnostics().get(0);
  }

  private static YamlScalar value(YamlDocument doc, String key) {
    return (YamlScalar) ((YamlMapping) doc.root()).entry(key).value();
  }

  @Test
  void quotedScalarValueStartsOneColumnAfterTheQuote() throws Exception {
    YamlDocument doc = parse("a: \"x\"\nbb: 'y'\nc: z\n");
    assertEquals("t.yaml:1:4", value(doc, "a").span().toString());
    assertEquals("t.yaml:1:5", value(doc, "a").valueSpan().toString());
    assertEquals("t.yaml:2:6", value(doc, "bb").valueSpan().toString());
    assertEquals("t.yaml:3:4", value(doc, "c").valueSpan().toString());
  }

  @Test
  void blockScalarValueStartsAtItsFirstContentLine() throws Exception {
    YamlDocument doc = parse("p: |\n\n    hello\n    world\nq: >-  # folded\n  folded text\n");
    assertEquals("t.yaml:3:5", value(doc, "p").valueSpan().toString());
    assertEquals("\nhello\nworld\n", value(doc, "p").value());
    assertEquals("t.yaml:6:3", value(doc, "q").valueSpan().toString());
  }

  @Test
  void plainScalarsAreTypedByTheCoreSchemaAndQuotedOnesStayStrings() throws Exception {
    YamlDocument doc = parse("i: 12\nb: true\nn: ~\ns: '12'\ny: yes\n");
    assertEquals(YamlScalar.Type.INT, value(doc, "i").type());
    assertEquals(YamlScalar.Type.BOOL, value(doc, "b").type());
    assertEquals(YamlScalar.Type.NULL, value(doc, "n").type());
    assertEquals(YamlScalar.Type.STRING, value(doc, "s").type());
    assertEquals(YamlScalar.Type.STRING, value(doc, "y").type());
  }

  @Test
  void duplicateKeysAreReportedAtTheSecondOccurrenceAndTheFirstIsRead() throws Exception {
    YamlDocument doc = parse("a: 1\nb: 2\na: 3\n");
    assertEquals("1", value(doc, "a").value());
    Diagnostic d = doc.diagnostics().get(0);
    assertEquals("duplicate-key", d.rule());
    assertEquals("t.yaml:3:1", d.span().toString());
  }

  @Test
  void syntaxErrorIsADiagnosticAtItsPosition() {
    Diagnostic d = failure("a: 1\nb: [1, 2\nc: 3\n");
    assertEquals("yaml-syntax", d.rule());
    assertEquals(3, d.span().line());
  }

  @Test
  void unclosedQuoteHintsWhereItBegan() {
    Diagnostic d = failure("a: 1\nb: \"open\n");
    assertEquals("yaml-syntax", d.rule());
    assertEquals("it began at line 2, column 4", d.hint());
  }

  @Test
  void billionLaughsIsRefusedByTheAliasLimit() {
    StringBuilder y = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 9; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    Diagnostic d = failure(y.toString());
    assertEquals("yaml-limit", d.rule());
    assertTrue(d.message().contains("aliases"), d.message());
  }

  @Test
  void aliasesThatExpandHugeAreRefusedEvenBelowTheAliasLimit() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x]\n");
    for (int i = 1; i <= 24; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
          .append(i - 1).append("]\n");
    }
    Diagnostic d = failure(y.toString());
    assertEquals("yaml-limit", d.rule());
    assertTrue(d.message().contains("expand"), d.message());
  }

  @Test
  void aFewAliasesAreFine() throws Exception {
    YamlDocument doc = parse("base: &b {x: 1}\nuse: *b\n");
    assertEquals(((YamlMapping) doc.root()).entry("base").value(), ((YamlMapping) doc.root()).entry("use").value());
  }

  @Test
  void recursiveAliasIsRefused() {
    Diagnostic d = failure("a: &x [1, *x]\n");
    assertEquals("yaml-limit", d.rule());
  }

  @Test
  void deepFlowNestingIsRefusedWithoutOverflowingTheStack() {
    Diagnostic d = failure("a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n");
    assertEquals("yaml-limit", d.rule());
    assertTrue(d.message().contains("nesting"), d.message());
  }

  @Test
  void deepBlockNestingIsRefused() {
    StringBuilder y = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      y.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    assertEquals("yaml-limit", failure(y.toString()).rule());
  }

  @Test
  void aliasesThatStackNestingPastTheLimitAreRefused() {
    String deep = "[".repeat(40) + "x" + "]".repeat(40);
    String y = "a: &a " + deep + "\nb: " + "[".repeat(40) + "*a" + "]".repeat(40) + "\n";
    Diagnostic d = failure(y);
    assertEquals("yaml-limit", d.rule());
    assertTrue(d.message().contains("deeper"), d.message());
  }

  @Test
  void hugeFileIsRefusedBeforeItIsRead() throws IOException {
    Path big = dir.resolve("big.yaml");
    String line = "k: " + "x".repeat(1000) + "\n";
    Files.writeString(big, line.repeat(5 * 1024), StandardCharsets.UTF_8);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> YamlDocument.load(big));
    Diagnostic d = e.diagnostics().get(0);
    assertEquals("yaml-limit", d.rule());
    assertEquals(1, d.span().line());
    assertTrue(d.message().contains("4.00m"), d.message());
  }

  @Test
  void fileThatIsNotUtf8IsASyntaxError() throws IOException {
    Path bad = dir.resolve("latin1.yaml");
    Files.write(bad, new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> YamlDocument.load(bad));
    assertEquals("yaml-syntax", e.diagnostics().get(0).rule());
  }

  @Test
  void missingFileIsReportedAsUnreadable() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> YamlDocument.load(dir.resolve("absent.yaml")));
    assertEquals(List.of("unreadable-file"), e.diagnostics().stream().map(Diagnostic::rule).toList());
  }

  @Test
  void emptyDocumentHasNoRoot() throws Exception {
    assertEquals(null, parse("# only a comment\n").root());
  }
}
