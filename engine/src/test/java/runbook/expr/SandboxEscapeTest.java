package runbook.expr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static runbook.expr.Fixtures.expr;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import runbook.diag.Diagnostic;

/** Attempts to leave the sandbox: each must be refused by the static check and again at run time. */
class SandboxEscapeTest {
  private static final Set<String> REFUSALS = Set.of("expr-sandbox", "expr-syntax");
  private final ExprEngine engine = new ExprEngine();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      class literal              | ''.class
      class of a value           | vg.class
      class of a map             | env.class
      getClass then forName      | vg.getClass().forName('java.lang.Runtime')
      forName as a property      | vg.class.forName
      java package               | java.lang.System
      java package as function   | java.lang.System.exit(0)
      System.exit                | System.exit(1)
      System.getenv              | System.getenv('HOME')
      Runtime exec               | Runtime.getRuntime().exec('id')
      ProcessBuilder             | ProcessBuilder
      Thread                     | Thread.sleep(1000)
      new instance               | new('java.io.File', '/')
      new process builder        | new('java.lang.ProcessBuilder', 'id')
      method on a string         | vg.toUpperCase()
      method on a map            | env.get('HOME')
      method on a list           | nums.size()
      method on a map entry      | env.keySet()
      getter as a method         | vg.getBytes()
      file access                | new('java.nio.file.Path', '/etc/passwd')
      assignment                 | vg = 'x'
      compound assignment        | count_limit += 1
      increment                  | count_limit++
      pre-increment              | ++count_limit
      field assignment           | env.HOME = '/tmp'
      for loop                   | for (x : nums) { x }
      while loop                 | while (true) { 1 }
      var declaration            | var x = 1
      let declaration            | let x = 1
      script with semicolons     | 1; 2
      function definition        | function(x) { x }
      named function             | function f(x) { x }
      pragma                     | #pragma jexl.namespace.java java.lang.System
      annotation                 | @silent vg
      unknown namespace math     | math:abs(1)
      unknown namespace java     | java:exec('id')
      lambda calling a method    | all(nums, x -> x.getClass() == null)
      lambda assigning           | all(nums, x -> x = 1)
      lambda declaring a var     | any(nums, x -> { var y = x; y == 1 })
      calling a lambda directly  | (x -> x)(1)
      self application           | (f -> f(f))(f -> f(f))
      env as a system map        | env.getClass().getMethod('getenv')
      class loader               | vg.class.classLoader
      backtick template          | `${vg.class}`
      return statement           | return 1
      huge range                 | count(1..2000000000)
      statements in a lambda     | any(nums, x -> { x == 1; x == 2 })
      map getter by method       | env.getOrDefault('HOME', '')
      stream of a list           | nums.stream().count()
      class by index             | env['class']
      getClass by index          | vg['getClass']
      class by quoted name       | env."class"
      class by index, spaced     | env[ 'class' ]
      block comment              | vg /* why */ == 'pve'
      line comment               | vg == 'pve' // why
      hash comment               | vg == 'pve' ## why
      comment hiding a quote     | vg /* ' */ .class /* ' */
      regex literal              | vg =~ ~/p.*/
      regex literal hiding quote | ~/'/ == vg.class
      """)
  void escapeIsRefusedStaticallyAndAtRunTime(String attempt, String source) {
    List<Diagnostic> found = engine.check(expr(source));
    assertFalse(found.isEmpty(), "check accepted: " + source);
    assertTrue(found.stream().anyMatch(d -> REFUSALS.contains(d.rule())),
        "not refused as a sandbox or syntax error: " + found.stream().map(Diagnostic::rule).collect(Collectors.toList()));
    EvalException e = assertThrows(EvalException.class, () -> engine.evaluate(expr(source), Fixtures.scope()));
    assertTrue(REFUSALS.contains(e.diagnostic().rule()), e.diagnostic().rule() + ": " + e.getMessage());
  }
}
