package runbook.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static runbook.expr.Fixtures.template;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import runbook.diag.Diagnostic;
import runbook.model.SourceSpan;

class WordSplittingTest {
  private final ExprEngine engine = new ExprEngine();

  static Stream<Arguments> lines() {
    return Stream.of(
        split("dmsetup status pve-data-tpool", "dmsetup", "status", "pve-data-tpool"),
        split("  spaced   out\targs  ", "spaced", "out", "args"),
        split("lvs --separator '|' -o name", "lvs", "--separator", "|", "-o", "name"),
        split("echo 'a b' \"c d\"", "echo", "a b", "c d"),
        split("echo ''", "echo", ""),
        split("echo \"\" x", "echo", "", "x"),
        split("echo a''b", "echo", "ab"),
        split("echo a\\ b", "echo", "a b"),
        split("echo \\'x\\'", "echo", "'x'"),
        split("echo '\\n'", "echo", "\\n"),
        split("echo \"\\\"q\\\" \\\\ \\x\"", "echo", "\"q\" \\ \\x"),
        split("echo 'it'\\''s'", "echo", "it's"),
        split("a | b ; c > d && e", "a", "|", "b", ";", "c", ">", "d", "&&", "e"),
        split("echo $HOME *.txt $(id) `id`", "echo", "$HOME", "*.txt", "$(id)", "`id`"),
        split("line \\\ncontinued", "line", "continued"),
        split("two\nlines", "two", "lines"),
        split("echo $${vg}", "echo", "${vg}"),
        split("lvs ${vg}/${pool}", "lvs", "pve/data"),
        split("dmsetup status ${dm:name(vg, pool)}-tpool", "dmsetup", "status", "pve-data-tpool"),
        split("echo ${str:join([vg, pool], ' ')}", "echo", "pve data"),
        split("echo '${vg} x' \"${pool} y\"", "echo", "pve x", "data y"),
        split("echo pre${'a b'}post", "echo", "prea bpost"),
        split("echo 'x=${str:join([vg, pool], \"' '\")}'", "echo", "x=pve' 'data"));
  }

  private static Arguments split(String line, String... words) {
    return Arguments.of(line, Arrays.asList(words));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("lines")
  void splitsByShellQuotingRulesWithoutAShell(String line, List<String> expected) throws EvalException {
    assertEquals(expected, engine.expandWords(template(line), Fixtures.scope()));
  }

  static Stream<String> injections() {
    return Stream.of(
        "x=a; touch /tmp/p $(id)",
        "two words",
        "  leading and trailing  ",
        "it's",
        "\"double\"",
        "back\\slash",
        "`id`",
        "a\nb",
        "tab\there",
        "$HOME",
        "${vg}",
        "*",
        "",
        "; rm -rf / #",
        "| cat /etc/shadow > /tmp/x");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("injections")
  void aValueIsAlwaysExactlyOneArgument(String value) throws EvalException {
    Scope scope = Scope.of(Map.of("v", value));
    assertEquals(List.of("helm", "--set", value), engine.expandWords(template("helm --set ${v}"), scope));
    assertEquals(List.of("helm", "--set", "x=" + value), engine.expandWords(template("helm --set 'x='${v}"), scope));
    assertEquals(List.of("helm", "--set", "x=" + value + "!"),
        engine.expandWords(template("helm --set \"x=${v}!\""), scope));
  }

  @Test
  void unclosedQuoteIsASyntaxErrorAtTheQuote() {
    Diagnostic d = assertThrows(EvalException.class,
        () -> engine.expandWords(template("echo 'abc"), Fixtures.scope())).diagnostic();
    assertEquals("expr-syntax", d.rule());
    assertEquals("unclosed single quote", d.message());
    assertEquals(new SourceSpan("p.yaml", 10, 9 + 5), d.span());
  }

  @Test
  void unclosedDoubleQuoteIsASyntaxError() {
    Diagnostic d = assertThrows(EvalException.class,
        () -> engine.expandWords(template("echo \"abc ${vg}"), Fixtures.scope())).diagnostic();
    assertEquals("unclosed double quote", d.message());
  }

  @Test
  void checkWordsReportsQuotingWithoutValues() {
    List<Diagnostic> ds = engine.checkWords(template("lvs --separator '|"));
    assertEquals(1, ds.size());
    assertEquals("unclosed single quote", ds.get(0).message());
    assertEquals(List.of(), engine.checkWords(template("lvs --separator '|' ${vg}")));
    assertEquals("expr-undefined", engine.checkWords(template("lvs ${str:lowr(vg)}")).get(0).rule());
  }

  @Test
  void trailingBackslashIsASyntaxError() {
    assertEquals("expr-syntax", assertThrows(EvalException.class,
        () -> engine.expandWords(template("echo x\\"), Fixtures.scope())).diagnostic().rule());
  }

  @Test
  void anErrorInsideAWordPointsAtThePlaceholder() {
    Diagnostic d = assertThrows(EvalException.class,
        () -> engine.expandWords(template("echo 'a' ${vgg}"), Fixtures.scope())).diagnostic();
    assertEquals("expr-undefined", d.rule());
    assertEquals(new SourceSpan("p.yaml", 10, 9 + 11), d.span());
  }
}
