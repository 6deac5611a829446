package runbook.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static runbook.expr.Fixtures.expr;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import runbook.diag.Diagnostic;
import runbook.expr.fn.Bounds;
import runbook.model.Expr;

/**
 * Expressions and regular expressions that would run for minutes, build gigabytes or overflow the
 * stack end in an error that names the limit and the expression's position.
 */
class BoundsTest {
  private final ExprEngine engine = new ExprEngine();

  private EvalException fails(String source, Scope scope) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    EvalException e = assertThrows(EvalException.class, () -> engine.evaluate(expr(source), scope));
    long cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
    long ms = (System.nanoTime() - start) / 1_000_000;
    // the limit is processor time; on a machine so loaded that 5 s of it take longer than the clock's
    // limit, the clock ends it: neither may be overrun by more than the checks' granularity
    assertTrue(cpuMs < Bounds.TIME_MILLIS + 3_000, "used " + cpuMs + " ms of processor time");
    assertTrue(ms < Bounds.WALL_MILLIS + 10_000, "took " + ms + " ms");
    assertEquals(Fixtures.AT.file(), e.diagnostic().span().file());
    return e;
  }

  @Test
  void aBacktrackingRegexOn81BytesStopsAtTheTimeLimit() {
    Scope s = Scope.of(Map.of("out", "a".repeat(80) + "!"));
    EvalException e = fails("out =~ '(.*a){12}'", s);
    assertTrue(e.getMessage().contains("ran longer than 5 s of processor time")
        || e.getMessage().contains("ran longer than 120 s by the clock"), e.getMessage());
  }

  /**
   * A hypervisor short of processor time must not stop an expression that did little: the limit is
   * the thread's processor time, and an evaluation that spent the clock's 5 s waiting for a core goes on.
   */
  @Test
  void timeWithoutProcessorWorkIsNotCounted() throws InterruptedException {
    long[] outer = Bounds.start();
    try {
      Thread.sleep(Bounds.TIME_MILLIS + 300); // the clock passes the limit; the processor time does not
      Bounds.check();
      assertFalse(Bounds.matches(Pattern.compile("(a+)+b"), "a".repeat(12)), "a short regex still runs");
    } finally {
      Bounds.end(outer);
    }
  }

  @Test
  void nestedMapsStopAtTheTimeLimit() {
    Scope s = Scope.of(Map.of("l", Collections.nCopies(3000, 1)));
    EvalException e = fails("count(map(l, x -> map(l, y -> map(l, z -> z + 1))))", s);
    assertTrue(e.getMessage().contains("ran longer than"), e.getMessage());
  }

  @Test
  void aBillionCharactersAreNeverBuilt() {
    Scope s = Scope.of(Map.of("l", Collections.nCopies(10_000, 1), "s", "x".repeat(100_000)));
    assertTrue(fails("size(str:join(map(l, x -> s), ''))", s).getMessage().contains("the limit"));
    assertTrue(fails("size(str:replace(s, 'x', s))", s).getMessage().contains("the limit"));
    assertTrue(fails("size(str:join(map(l, x -> s + s), ''))", s).getMessage().contains("characters"));
  }

  @Test
  void fourHundredParenthesesAreALintErrorNotAStackOverflow() {
    String deep = "(".repeat(400) + "1" + ")".repeat(400);
    List<Diagnostic> found = engine.check(expr(deep));
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("more than 64 deep"), found.get(0).message());
    assertEquals(Fixtures.AT.column() + 64, found.get(0).span().column());
    assertThrows(EvalException.class, () -> engine.evaluate(expr(deep), Scope.of(Map.of())));
    String list = "[".repeat(256) + "]".repeat(256);
    assertFalse(engine.check(expr(list)).isEmpty());
  }

  @Test
  void aLongAlternationOn100KbIsAnErrorNotAStackOverflow() {
    String text = "ab".repeat(50_000);
    Scope s = Scope.of(Map.of("out", text));
    EvalException e = fails("out =~ '(a|b)*'", s);
    assertTrue(e.getMessage().contains("recurses too deeply"), e.getMessage());
    Bounds.Exceeded x = assertThrows(Bounds.Exceeded.class, () -> Bounds.find(Pattern.compile("^(?:a|b)*$"), text));
    assertTrue(x.getMessage().contains("100000 characters"), x.getMessage());
  }

  @Test
  void ordinaryExpressionsStayWithinTheBounds() throws EvalException {
    Scope s = Scope.of(Map.of("out", "thin-pool 3 120/4096 -", "l", List.of(1, 2, 3)));
    assertEquals(true, engine.evaluate(expr("out =~ 'thin-pool \\\\d+ .*'"), s));
    assertEquals(List.of(2, 3, 4), engine.evaluate(expr("map(l, x -> x + 1)"), s));
    assertEquals("a-b", engine.evaluate(expr("str:replace('a b', ' ', '-')"), s));
  }
}
