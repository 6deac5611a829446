package runbook.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static runbook.expr.Fixtures.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Values inserted into a {@code shell: true} line reach the command unchanged: checked with a real bash. */
class ShellQuotingTest {
  private final ExprEngine engine = new ExprEngine();

  static Stream<String> values() {
    return Stream.of(
        "plain",
        "two words",
        "it's",
        "'''",
        "\"double\" and 'single'",
        "$(touch /tmp/runbook-shell-quoting-pwned)",
        "`id`",
        "$HOME ${HOME} $1 $@ $?",
        "a; echo injected",
        "x | cat > /dev/null &",
        "back\\slash\\\\",
        "new\nline",
        "tab\tand * glob ?",
        "!history !!",
        "-n",
        "",
        "unicode: ünïcødé ✓");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("values")
  void bashReceivesTheValueUnchanged(String value) throws Exception {
    String line = engine.expandShell(template("printf '%s\\n' ${v}"), Scope.of(Map.of("v", value)));
    assertEquals(value + "\n", bash(line));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("values")
  void valueNextToLiteralTextStaysOneArgument(String value) throws Exception {
    String line = engine.expandShell(template("printf '[%s]\\n' pre${v}post"), Scope.of(Map.of("v", value)));
    assertEquals("[pre" + value + "post]\n", bash(line));
  }

  private static String bash(String line) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c", line)
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
