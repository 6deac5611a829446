package runbook.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static runbook.expr.Fixtures.expr;
import static runbook.expr.Fixtures.scope;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import runbook.diag.Diagnostic;
import runbook.model.Expr;
import runbook.model.SourceSpan;

class ExprEngineTest {
  private final ExprEngine engine = new ExprEngine();

  private Object eval(String source) throws EvalException {
    return engine.evaluate(expr(source), scope());
  }

  private Diagnostic evalError(String source) {
    return assertThrows(EvalException.class, () -> eval(source)).diagnostic();
  }

  @Test
  void readsMapFieldsAndListIndexes() throws EvalException {
    assertEquals("data", eval("lvs.rows[0].name"));
    assertEquals("vm-100-disk-0", eval("lvs['rows'][1]['name']"));
    assertEquals(2, eval("lvs.count"));
    assertEquals("/root", eval("env.HOME"));
  }

  @Test
  void startsWithOperatorAndLambdaOverProbeRows() throws EvalException {
    assertEquals(true, engine.test(expr("all(probe.rows, r -> !(r.name =^ 'pve-vm') || r.open == 1)"), scope()));
    assertEquals(false, engine.test(expr("all(probe.rows, r -> r.open == 0)"), scope()));
  }

  @Test
  void lambdasSeeNamesInScope() throws EvalException {
    assertEquals(true, eval("any(lvs.rows, r -> r.name == pool)"));
  }

  @Test
  void aNullValueInScopeIsDefined() throws EvalException {
    assertEquals(true, eval("nothing == null"));
  }

  @Test
  void unknownNameIsAnErrorWithASuggestion() {
    Diagnostic d = evalError("vgg == 'pve'");
    assertEquals("expr-undefined", d.rule());
    assertEquals("unknown name `vgg`", d.message());
    assertEquals("did you mean `vg`?", d.hint());
    assertEquals(new SourceSpan("p.yaml", 10, 9), d.span());
  }

  @Test
  void unknownMapKeyIsAnErrorNotNull() {
    Diagnostic d = evalError("lvs.rwos");
    assertEquals("expr-undefined", d.rule());
    assertEquals("no key `rwos` in this map", d.message());
    assertEquals("did you mean `rows`?", d.hint());
  }

  @Test
  void errorsInsideALambdaPointAtTheirOwnPosition() {
    Diagnostic d = evalError("all(nums, x -> vgg == x)");
    assertEquals("expr-undefined", d.rule());
    assertEquals("unknown name `vgg`", d.message());
    assertEquals(new SourceSpan("p.yaml", 10, 9 + 15), d.span());
    Diagnostic key = evalError("any(lvs.rows, r -> r.nmae == 'data')");
    assertEquals("no key `nmae` in this map", key.message());
    assertEquals("did you mean `name`?", key.hint());
  }

  @Test
  void listIndexOutOfRangeIsAnError() {
    Diagnostic d = evalError("nums[7]");
    assertEquals("expr-error", d.rule());
    assertEquals("index 7 is out of range: the list has 3 elements", d.message());
  }

  @Test
  void gettersOfJavaObjectsAreNotFields() {
    assertEquals("expr-sandbox", evalError("vg.bytes").rule());
    assertEquals("expr-sandbox", evalError("nums.empty").rule());
  }

  @Test
  void nullInArithmeticIsAnError() {
    assertEquals("expr-error", evalError("nothing + 1").rule());
    assertEquals("cannot evaluate `nothing.x`: a value is null", evalError("nothing.x").message());
  }

  @Test
  void operatorFailuresNameThePartThatFailed() {
    assertEquals("cannot evaluate `lvs.count > 'a'`: the values cannot be compared", evalError("lvs.count > 'a'").message());
    assertEquals("cannot evaluate `1 / 0`: division by zero", evalError("1 / 0").message());
    assertEquals("cannot evaluate `vg =~ '('`: invalid regular expression: unclosed group", evalError("vg =~ '('").message());
  }

  @Test
  void computedIndexesReadKeysAndElements() throws EvalException {
    assertEquals(1, eval("nums[count_limit - 2]"));
    assertEquals("data", eval("lvs.rows[0][first(['name'])]"));
  }

  @Test
  void conditionMustBeBoolean() {
    Diagnostic d = assertThrows(EvalException.class, () -> engine.test(expr("vg"), scope())).diagnostic();
    assertEquals("expr-type", d.rule());
    assertEquals("expected a condition that is true or false, found the string 'pve'", d.message());
  }

  @Test
  void valueUnavailableFailsWithItsMessage() {
    Map<String, Object> result = new java.util.AbstractMap<>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        return Set.of(Map.entry("stdout", "x"));
      }

      @Override
      public Object get(Object key) {
        throw new ValueUnavailableException("the output of `dump` was truncated at 8MiB: raise `capture`");
      }
    };
    Diagnostic d = assertThrows(EvalException.class,
        () -> engine.evaluate(expr("dump.stdout"), Fixtures.with("dump", result))).diagnostic();
    assertEquals("expr-error", d.rule());
    assertEquals("the output of `dump` was truncated at 8MiB: raise `capture`", d.message());
  }

  @Test
  void namesAreTopLevelReadsWithoutLambdaParameters() {
    assertEquals(Set.of("probe", "dm_prefix"),
        engine.names(expr("all(probe.rows, r -> !(r.name =^ dm_prefix) || r.open == 0)")));
    assertEquals(Set.of("vg", "pool"), engine.names(Fixtures.template("${dm:name(vg, pool)}-tpool")));
    assertEquals(Set.of("new_meta_size", "lvs"),
        engine.names(expr("size:bytes(new_meta_size) > sum(lvs.rows, r -> r.size)")));
    assertEquals(Set.of("env", "run"), engine.names(expr("env.HOME != '' && !run.dry")));
  }

  @Test
  void cleanExpressionHasNoDiagnostics() {
    assertEquals(List.of(), engine.check(expr("count(filter(lvs.rows, r -> r.data > 50.0)) == 1")));
  }

  @Test
  void syntaxErrorPointsInsideAMultiLineExpression() {
    Expr e = new Expr("lvs.count > 1 &&\n  vg == ", new SourceSpan("p.yaml", 4, 11));
    List<Diagnostic> ds = engine.check(e);
    assertEquals(1, ds.size());
    assertEquals("expr-syntax", ds.get(0).rule());
    assertEquals(5, ds.get(0).span().line());
  }

  @Test
  void runtimeErrorPointsAtTheFailingNameOnItsLine() {
    Expr e = new Expr("lvs.count > 1 &&\n  vgg == 'x'", new SourceSpan("p.yaml", 4, 11));
    Diagnostic d = assertThrows(EvalException.class, () -> engine.evaluate(e, scope())).diagnostic();
    assertEquals(new SourceSpan("p.yaml", 5, 3), d.span());
  }

  @Test
  void sandboxErrorPointsAtTheColumnOnTheFirstLine() {
    Diagnostic d = engine.check(expr("vg == 1 && vg.size() > 0")).get(0);
    assertEquals("expr-sandbox", d.rule());
    assertEquals(new SourceSpan("p.yaml", 10, 9 + 13), d.span());
  }

  @Test
  void unknownFunctionIsFoundStaticallyAndAtRunTime() {
    Diagnostic d = engine.check(expr("frist(nums)")).get(0);
    assertEquals("expr-undefined", d.rule());
    assertEquals("unknown function `frist`", d.message());
    assertEquals("did you mean `first`?", d.hint());
    assertEquals("expr-undefined", evalError("str:lowr(vg)").rule());
    assertEquals("expr-undefined", evalError("frist(nums)").rule());
  }

  @Test
  void wrongArgumentsSayHowToCallTheFunction() {
    Diagnostic d = evalError("all(nums, 1)");
    assertEquals("expr-error", d.rule());
    assertEquals("wrong arguments for `all`: found (list, number)", d.message());
    assertEquals("call it as all(list, x -> condition)", d.hint());
  }

  @Test
  void ternaryAndElvisAreNotMistakenForFunctionCalls() throws EvalException {
    assertEquals(List.of(), engine.check(expr("lvs.ok ? (vg) : (pool)")));
    assertEquals("pve", eval("lvs.ok ? (vg) : (pool)"));
    assertEquals("none", eval("nothing ?: 'none'"));
  }

  @Test
  void engineIsSafeToShareBetweenThreads() throws Exception {
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger good = new java.util.concurrent.atomic.AtomicInteger();
    for (int t = 0; t < 4; t++) {
      int n = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          try {
            if (Long.valueOf(n + i).equals(engine.evaluate(expr("sum([" + n + ", " + i + "])"), scope()))) {
              good.incrementAndGet();
            }
          } catch (EvalException e) {
            throw new AssertionError(e);
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(800, good.get());
  }
}
