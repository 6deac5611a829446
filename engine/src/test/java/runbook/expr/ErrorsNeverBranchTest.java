package runbook.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static runbook.expr.Fixtures.expr;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An error inside a function's argument is the expression's error: {@code size()} and
 * {@code empty()} of a truncated output or of a skipped step's result never give 0 or true.
 */
class ErrorsNeverBranchTest {
  private final ExprEngine engine = new ExprEngine();

  /** A step result whose stdout cannot be read, as a truncated capture is. */
  private static Scope truncated() {
    Map<String, Object> step = new java.util.AbstractMap<>() {
      @Override
      public Object get(Object key) {
        if (key.equals("stdout")) {
          throw new ValueUnavailableException("step `dump` output was truncated at 64KiB; raise `capture` or use `output-file`");
        }
        return key.equals("exit") ? 0 : null;
      }

      @Override
      public boolean containsKey(Object key) {
        return key.equals("stdout") || key.equals("exit");
      }

      @Override
      public Set<Entry<String, Object>> entrySet() {
        return Set.of();
      }
    };
    return Scope.of(Map.of("dump", step, "skipped", Map.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "size(dump.stdout) == 0", "empty(dump.stdout)", "!empty(dump.stdout)", "size(dump.stdout) > 0",
      "size(str:trim(dump.stdout)) == 0", "empty(str:split(dump.stdout, ' '))", "size(skipped.stdout) == 0",
      "empty(skipped.rows)", "size(str:lower(42)) == 0", "empty(first(7))"})
  void anErrorInsideSizeOrEmptyIsAnErrorNotABranch(String source) {
    EvalException e = assertThrows(EvalException.class, () -> engine.test(expr(source), truncated()), source);
    assertTrue(e.diagnostic().message().contains("truncated") || e.diagnostic().message().contains("stdout")
        || e.diagnostic().message().contains("rows") || e.diagnostic().message().contains("expects"),
        e.diagnostic().message());
  }

  @Test
  void sizeAndEmptyStillMeasureValues() throws EvalException {
    Scope s = Scope.of(Map.of("t", "abc", "l", List.of(1, 2), "m", Map.of(), "n", 0L));
    assertEquals(3, engine.evaluate(expr("size(t)"), s));
    assertEquals(2, engine.evaluate(expr("size(l)"), s));
    assertEquals(true, engine.evaluate(expr("empty(m)"), s));
    assertEquals(true, engine.evaluate(expr("empty('')"), s));
    assertEquals(false, engine.evaluate(expr("empty(t)"), s));
    assertEquals(true, engine.evaluate(expr("empty(null)"), s));
    assertEquals(0, engine.evaluate(expr("size(null)"), s));
    assertEquals(true, engine.evaluate(expr("size:bytes('1k') == 1024"), s));
  }

  @Test
  void emptyWithoutParenthesesIsRefused() {
    assertEquals("expr-syntax", engine.check(expr("empty t")).get(0).rule());
  }
}
