package runbook.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static runbook.expr.Fixtures.template;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import runbook.diag.Diagnostic;
import runbook.model.SourceSpan;
import runbook.model.Template;

class TemplateTest {
  private final ExprEngine engine = new ExprEngine();

  private String expand(String text) throws EvalException {
    return engine.expand(template(text), Fixtures.scope());
  }

  private Diagnostic error(String text) {
    return assertThrows(EvalException.class, () -> expand(text)).diagnostic();
  }

  @Test
  void expandsEachPlaceholder() throws EvalException {
    assertEquals("pve/data", expand("${vg}/${pool}"));
    assertEquals("no placeholders", expand("no placeholders"));
  }

  @Test
  void doubledDollarWritesALiteralPlaceholder() throws EvalException {
    assertEquals("${vg} is pve", expand("$${vg} is ${vg}"));
    assertEquals("cost: $5", expand("cost: $5"));
  }

  @Test
  void functionCallWithQuotesAndBracesStaysOnePlaceholder() throws EvalException {
    assertEquals("pve-data-tpool", expand("${dm:name(vg, pool)}-tpool"));
    assertEquals("a}b", expand("${'a}b'}"));
    assertEquals("1", expand("${{'k': 1}.k}"));
    assertEquals("x\"}y", expand("${\"x\\\"}y\"}"));
  }

  @Test
  void numbersAreWrittenWithoutATrailingZero() throws EvalException {
    assertEquals("60.5 4096 2 4", expand("${lvs.rows[0].data} ${lvs.rows[0].size} ${lvs.count} ${8.0 / 2}"));
    assertEquals("true", expand("${lvs.ok}"));
  }

  @Test
  void nullValueIsAnErrorNamingTheExpression() {
    Diagnostic d = error("value: ${nothing}");
    assertEquals("expr-error", d.rule());
    assertEquals("`${nothing}` is null: there is no text to write", d.message());
    assertEquals(new SourceSpan("p.yaml", 10, 9 + 7), d.span());
  }

  @Test
  void listsAndMapsHaveNoTextForm() {
    assertEquals("`${nums}` is a list: pick an element or join them, e.g. str:join(list, ' ')", error("${nums}").message());
    assertEquals("`${env}` is a map: pick one of its values", error("${env}").message());
  }

  @Test
  void unclosedPlaceholderIsASyntaxError() {
    List<Diagnostic> ds = engine.check(template("a ${vg"));
    assertEquals(1, ds.size());
    assertEquals("expr-syntax", ds.get(0).rule());
    assertEquals(new SourceSpan("p.yaml", 10, 9 + 2), ds.get(0).span());
  }

  @Test
  void checkFindsErrorsInsideEachPlaceholderAtTheirColumn() {
    List<Diagnostic> ds = engine.check(template("ok ${vg} bad ${vg.size()}"));
    assertEquals(1, ds.size());
    assertEquals("expr-sandbox", ds.get(0).rule());
    assertEquals(new SourceSpan("p.yaml", 10, 9 + 17), ds.get(0).span());
  }

  @Test
  void errorOnALaterLineOfAMultiLineTemplate() {
    Template t = new Template("first line\n  then ${vgg}", new SourceSpan("p.yaml", 3, 5));
    Diagnostic d = assertThrows(EvalException.class, () -> engine.expand(t, Fixtures.scope())).diagnostic();
    assertEquals("expr-undefined", d.rule());
    assertEquals(new SourceSpan("p.yaml", 4, 10), d.span());
  }

  @Test
  void errorOnASecondLineInsideAPlaceholder() {
    Template t = new Template("x ${count(nums) +\n vgg}", new SourceSpan("p.yaml", 3, 5));
    Diagnostic d = assertThrows(EvalException.class, () -> engine.expand(t, Fixtures.scope())).diagnostic();
    assertEquals(new SourceSpan("p.yaml", 4, 2), d.span());
  }

  @Test
  void shellExpansionReferencesEveryValue() throws EvalException {
    ShellCommand cmd = engine.expandShell(template("lvs ${vg} | grep ${q}"), Scope.of(Map.of("vg", "pve", "q", "it's")));
    assertEquals("lvs \"${RUNBOOK_Q1}\" | grep \"${RUNBOOK_Q2}\"", cmd.script());
    assertEquals(Map.of("RUNBOOK_Q1", "pve", "RUNBOOK_Q2", "it's"), cmd.values());
    assertEquals("lvs pve | grep it's", cmd.shown());
  }
}
