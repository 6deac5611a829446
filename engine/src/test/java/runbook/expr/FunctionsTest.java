package runbook.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static runbook.expr.Fixtures.expr;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import runbook.diag.Diagnostic;

/** Every function the engine offers, called from an expression as a playbook would. */
class FunctionsTest {
  private final ExprEngine engine = new ExprEngine();

  private Object eval(String source) throws EvalException {
    return engine.evaluate(expr(source), Fixtures.scope());
  }

  private Diagnostic error(String source) {
    return assertThrows(EvalException.class, () -> eval(source)).diagnostic();
  }

  @Test
  void allHoldsForEveryElementAndForAnEmptyList() throws EvalException {
    assertEquals(true, eval("all(nums, x -> x > 0)"));
    assertEquals(false, eval("all(nums, x -> x > 1)"));
    assertEquals(true, eval("all([], x -> false)"));
  }

  @Test
  void anyHoldsForOneElement() throws EvalException {
    assertEquals(true, eval("any(nums, x -> x == 2)"));
    assertEquals(false, eval("any(nums, x -> x == 9)"));
    assertEquals(false, eval("any([], x -> true)"));
  }

  @Test
  void filterKeepsMatchingElementsInOrder() throws EvalException {
    assertEquals(List.of(3, 2), eval("filter(nums, x -> x >= 2)"));
  }

  @Test
  void firstReturnsTheFirstMatchOrNull() throws EvalException {
    assertEquals(3, eval("first(nums)"));
    assertEquals(2, eval("first(nums, x -> x < 3 && x > 1)"));
    assertNull(eval("first(nums, x -> x > 9)"));
    assertNull(eval("first([])"));
    assertEquals("vm-100-disk-0", eval("first(lvs.rows, r -> r.size < 2048).name"));
  }

  @Test
  void countCountsAllOrMatching() throws EvalException {
    assertEquals(3, eval("count(nums)"));
    assertEquals(1, eval("count(lvs.rows, r -> r.data > 50)"));
  }

  @Test
  void sumAddsWholeNumbersExactlyAndRealsAsReals() throws EvalException {
    assertEquals(6L, eval("sum(nums)"));
    assertEquals(5120L, eval("sum(lvs.rows, r -> r.size)"));
    assertEquals(72.75, eval("sum(lvs.rows, r -> r.data)"));
    assertEquals(0L, eval("sum([])"));
  }

  @Test
  void minAndMaxCompareNumbersOrStrings() throws EvalException {
    assertEquals(1, eval("min(nums)"));
    assertEquals(3, eval("max(nums)"));
    assertEquals(12.25, eval("min(lvs.rows, r -> r.data)"));
    assertEquals("vm-100-disk-0", eval("max(lvs.rows, r -> r.name)"));
    assertNull(eval("max([])"));
  }

  @Test
  void mapTransformsEachElement() throws EvalException {
    assertEquals(List.of("data", "vm-100-disk-0"), eval("map(lvs.rows, r -> r.name)"));
  }

  @Test
  void aConditionThatIsNotBooleanIsAnError() {
    Diagnostic d = error("all(nums, x -> x)");
    assertEquals("expr-error", d.rule());
    assertEquals("the condition given to all() must yield true or false, found the number 3", d.message());
  }

  @Test
  void aListFunctionGivenAScalarSaysSo() {
    assertEquals("count() expects a list, found the string 'pve'", error("count(vg)").message());
  }

  @Test
  void sumOfNonNumbersIsAnError() {
    assertEquals("sum() expects a number, found the string 'data'", error("sum(lvs.rows, r -> r.name)").message());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      size:bytes('4G')                | 4294967296
      size:bytes('<794.79g')          | 853399264297
      size:bytes('8MiB')              | 8388608
      size:bytes(4096)                | 4096
      size:human(4294967296)          | 4.00g
      size:human(1000)                | 1000b
      str:lower('ABC')                | abc
      str:trim('  a b  ')             | a b
      str:join(['a', 'b', 1], ',')    | a,b,1
      str:replace('a.b.c', '.', '-')  | a-b-c
      str:starts('pve-data', 'pve-')  | true
      str:starts('pve-data', 'data')  | false
      str:ends('pve-data', 'data')    | true
      str:contains('needs_check', '_c') | true
      str:contains('ok', 'needs')     | false
      dm:name('pve', 'data')          | pve-data
      dm:name('my-vg', 'thin-pool')   | my--vg-thin--pool
      dm:name(vg, pool) + '-tpool'    | pve-data-tpool
      """)
  void scalarFunctions(String source, String expected) throws EvalException {
    assertEquals(expected, String.valueOf(eval(source)));
  }

  @Test
  void splitKeepsEmptyFieldsAndTreatsTheSeparatorAsText() throws EvalException {
    assertEquals(List.of("a", "", "b"), eval("str:split('a||b', '|')"));
    assertEquals(List.of("a.b"), eval("str:split('a.b', '*')"));
  }

  @Test
  void aBadSizeSaysWhatIsAccepted() {
    Diagnostic d = error("size:bytes('lots')");
    assertEquals("expr-error", d.rule());
    assertEquals(true, d.message().startsWith("not a size: 'lots'"));
  }

  @Test
  void aStringFunctionGivenNullSaysSo() {
    assertEquals("str:lower() expects a string, found null", error("str:lower(nothing)").message());
  }

  @Test
  void unknownFunctionInAKnownNamespaceIsFoundStatically() {
    List<Diagnostic> ds = engine.check(expr("str:lowr(vg)"));
    assertEquals(1, ds.size());
    assertEquals("expr-undefined", ds.get(0).rule());
    assertEquals("unknown function `str:lowr`", ds.get(0).message());
    assertEquals("did you mean `lower`?", ds.get(0).hint());
  }

  @Test
  void mapLiteralsAndListLiteralsWork() throws EvalException {
    assertEquals(Map.of("a", 1), eval("{'a': 1}"));
    assertEquals(2, eval("count([vg, pool])"));
  }
}
