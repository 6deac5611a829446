package runbook.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static runbook.expr.Fixtures.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import runbook.diag.Diagnostic;

/**
 * Hostile values through every form a template takes in a {@code shell: true} script, run by a real
 * bash: nothing in a value runs (a canary file would appear), and each value arrives byte for byte.
 */
class ShellQuotingTest {
  private static final ExprEngine ENGINE = new ExprEngine();
  /** Separates the forms' outputs; no value of the corpus holds it. */
  private static final String SEP = "\u0001";

  /** The file a value that ran would create. */
  private static final Path CANARY = Path.of(System.getProperty("java.io.tmpdir"),
      "runbook-canary-" + ProcessHandle.current().pid());

  @TempDir
  static Path dir;

  /** A form: a piece of script that prints what it received, and what it must print for a value. */
  private record Form(String name, String script, UnaryOperator<String> expected) {}

  private static String noTrailingNewlines(String v) {
    return v.replaceAll("\n+$", "");
  }

  private static final List<Form> FORMS = List.of(
      new Form("bare", "printf '[%s]' ${v}", v -> "[" + v + "]"),
      new Form("inside a word", "printf '[%s]' pre${v}post", v -> "[pre" + v + "post]"),
      new Form("in double quotes", "printf '[%s]' \"a ${v} b\"", v -> "[a " + v + " b]"),
      new Form("in single quotes", "printf '[%s]' 'a ${v} b'", v -> "[a " + v + " b]"),
      new Form("in $'...'", "printf '[%s]' $'a\\t${v}'", v -> "[a\t" + v + "]"),
      new Form("twice in one word", "printf '[%s]' ${v}\"${v}\"'${v}'", v -> "[" + v + v + v + "]"),
      new Form("here-document", "cat <<EOF\n[${v}] $HOME=$HOME\nEOF", v -> "[" + v + "] " + System.getenv("HOME") + "=" + System.getenv("HOME") + "\n"),
      new Form("quoted here-document", "cat <<'EOF'\n[${v}] $HOME \\ `x`\nEOF", v -> "[" + v + "] $HOME \\ `x`\n"),
      new Form("here-document <<-", "cat <<-\"END\"\n\t[${v}]\n\tEND", v -> "[" + v + "]\n"),
      new Form("two here-documents", "cat <<A; cat <<'B'\n${v}\nA\n'${v}'\nB", v -> v + "\n'" + v + "'\n"),
      new Form("assignment", "x=${v}; printf '[%s]' \"$x\"", v -> "[" + v + "]"),
      new Form("assignment in quotes", "x=\"<${v}>\"; printf '[%s]' \"$x\"", v -> "[<" + v + ">]"),
      new Form("exported", "export X=${v}; printf '[%s]' \"$X\"", v -> "[" + v + "]"),
      new Form("command substitution", "printf '[%s]' \"$(printf '%s' ${v})\"", v -> "[" + noTrailingNewlines(v) + "]"),
      new Form("command substitution, single quotes", "printf '[%s]' \"$(printf '%s' 'x${v}')\"",
          v -> "[x" + noTrailingNewlines(v) + "]"),
      new Form("nested substitution", "printf '[%s]' $(echo \"$(printf '%s' \"${v}\" | od -An -v -tx1 | tr -d ' \\n')\")",
          v -> "[" + hex(v) + "]"),
      new Form("backticks", "printf '[%s]' \"`printf '%s' ${v}`\"", v -> "[" + noTrailingNewlines(v) + "]"),
      new Form("backticks, unquoted", "printf '[%s]' `printf '%s' ${v} | od -An -v -tx1 | tr -d ' \\n'`",
          v -> "[" + hex(v) + "]"),
      new Form("pipeline", "printf '%s' ${v} | od -An -v -tx1 | tr -d ' \\n'", ShellQuotingTest::hex),
      new Form("here-string", "cat <<< ${v}", v -> v + "\n"),
      new Form("case", "case ${v} in \"${v}\") printf '[%s]' match;; *) printf '[%s]' no;; esac", v -> "[match]"),
      new Form("[[ == ]]", "[[ ${v} == \"${v}\" ]] && printf '[%s]' same", v -> "[same]"),
      new Form("test", "[ \"${v}\" = ${v} ] && printf '[%s]' same", v -> "[same]"),
      new Form("function argument", "f() { printf '[%s]' \"$#:$1\"; }; f ${v}", v -> "[1:" + v + "]"),
      new Form("comment", "# ${v}\nprintf '[%s]' ok", v -> "[ok]"),
      new Form("subshell", "( printf '[%s]' ${v} )", v -> "[" + v + "]"),
      new Form("if", "if [ -n \"x${v}\" ]; then printf '[%s]' ${v}; fi", v -> "[" + v + "]"),
      new Form("redirect to file", "printf '%s' ${v} > " + "\"$RUNBOOK_TEST_DIR/out\" && cat \"$RUNBOOK_TEST_DIR/out\"",
          v -> v));

  /** Forms in arithmetic, where bash evaluates a value: only whole numbers may arrive. */
  private static final List<Form> ARITHMETIC = List.of(
      new Form("$((...))", "printf '[%s]' $(( ${v} + 1 ))", v -> "[" + (Long.parseLong(v) + 1) + "]"),
      new Form("((...))", "(( x = ${v} * 2 )) || true; printf '[%s]' \"$x\"", v -> "[" + (Long.parseLong(v) * 2) + "]"),
      new Form("[[ -eq ]]", "[[ ${v} -eq ${v} ]] && printf '[%s]' eq", v -> "[eq]"),
      new Form("let", "let \"x = ${v} + 2\" || true; printf '[%s]' \"$x\"", v -> "[" + (Long.parseLong(v) + 2) + "]"),
      new Form("array subscript", "a[${v}+20]=z; printf '[%s]' \"$${a[@]}\"", v -> "[z]"),
      new Form("$((...)) in quotes", "printf '[%s]' \"$(( ${v} ))\"", v -> "[" + Long.parseLong(v) + "]"));

  private static String hex(String v) {
    StringBuilder out = new StringBuilder();
    for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format("%02x", b & 0xff));
    }
    return out.toString();
  }

  /** 96 values meant to break out of quotes, run commands or change the arguments. */
  static List<String> values() {
    String c = CANARY.toString();
    List<String> v = new ArrayList<>(List.of(
        "plain", "two words", "", " ", "  leading and trailing  ", "it's", "'", "''", "'''", "\"", "\"\"",
        "\"double\" and 'single'", "\\", "\\\\", "back\\slash", "\\'", "\\\"", "\\$PATH", "\\`",
        "$(touch C)", "`touch C`", "'$(touch C)'", "\"$(touch C)\"", "'; touch C; '", "\"; touch C; \"",
        "\\\"; touch C; \\\"", "'\"'\"'; touch C #", "'\"$(touch C)\"'", "$(touch C)'\"", "x'$(touch C)'y",
        "\ntouch C\n", "a\ntouch C", "EOF\ntouch C\nEOF", "END\ntouch C", "\tEND\ntouch C\n\tEND", "A\ntouch C",
        "B\n$(touch C)\nB", "$((1+1))", "$(( $(touch C) ))", "a[$(touch C)]", "x[$(touch C)]+1",
        "${HOME}", "$HOME", "$1", "$@", "$?", "$$", "$!", "$#", "$-", "${IFS}", "$'\\x41'", "$'\\n'",
        "!!", "!-1", "*", "?", "[a-z]*", "/*", "~", "~root", "{a,b}", "{1..3}", "-n", "-e", "--help", "-",
        "--", "%s%n%d", "%", "a;b", "a&&touch C", "a||touch C", "a|touch C", "a&touch C", "> C", "< /etc/passwd",
        "2>&1", "$(<C)", "<(touch C)", ">(touch C)", ")", "))", "}", "]]", ";;", "esac", "fi", "done", "<<EOF",
        "#", "# touch C", "\r\ntouch C", "new\nline", "trailing newline\n", "\n\n", "tab\tand * glob ?",
        "unicode: ünïcødé ✓ 日本", "emoji \uD83D\uDE00", "\u00a0nbsp", "$(touch C)\n`touch C`\n'\"\\",
        "${v}", "$${v}", "${RUNBOOK_V1}", "\"${RUNBOOK_V2}\"", "'\"${RUNBOOK_V1}\"'",
        "x".repeat(20000) + "$(touch C)", "0", "1", "-5", "42", "007", "9223372036854775"));
    v.replaceAll(s -> s.replace("touch C", "touch " + c).replace("C)", c + ")").replace("> C", "> " + c));
    return v;
  }

  @Test
  void theCorpusIsLarge() {
    assertTrue(values().size() >= 80, "corpus: " + values().size());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("values")
  void nothingRunsAndEveryValueArrivesUnchanged(String value) throws Exception {
    Path canaryFile = CANARY;
    StringBuilder script = new StringBuilder();
    for (Form f : FORMS) {
      script.append(f.script()).append("\nprintf '").append(SEP).append("'\n");
    }
    ShellCommand cmd = ENGINE.expandShell(template(script.toString()), Scope.of(Map.of("v", value)));
    if (value.length() > 5 && value.matches("(?s).*[$`'\"\\\\;\n].*") && !value.contains("RUNBOOK_V")) {
      assertFalse(cmd.script().contains(value), "the value is not part of the script");
    }
    String out = bash(cmd);
    assertFalse(Files.exists(canaryFile), "a value ran a command");
    String[] parts = out.split(SEP, -1);
    for (int i = 0; i < FORMS.size(); i++) {
      assertEquals(FORMS.get(i).expected().apply(value), parts[i], FORMS.get(i).name() + "\nscript: " + cmd.script());
    }
    for (Form f : ARITHMETIC) {
      if (value.matches("-?[0-9]{1,18}") && !value.startsWith("0") || value.equals("0")) {
        ShellCommand a = ENGINE.expandShell(template(f.script()), Scope.of(Map.of("v", value)));
        assertEquals(f.expected().apply(value), bash(a), f.name() + "\nscript: " + a.script());
      } else if (!value.matches("-?[0-9]{1,18}")) {
        EvalException e = assertThrows(EvalException.class,
            () -> ENGINE.expandShell(template(f.script()), Scope.of(Map.of("v", value))), f.name());
        assertTrue(e.getMessage().contains("it must be a whole number"), e.getMessage());
      }
    }
    assertFalse(Files.exists(canaryFile), "a value ran a command");
  }

  @Test
  void theShownLineIsTheAuthorsTextWithTheValues() throws Exception {
    ShellCommand cmd = ENGINE.expandShell(template("echo ${v} \"${v}\" '${v}' $'${v}'"), Scope.of(Map.of("v", "it's")));
    assertEquals("echo it's \"it's\" 'it's' $'it's'", cmd.shown());
  }

  @Test
  void aTemplateInsideAShellParameterExpansionIsRefused() {
    List<Diagnostic> found = ENGINE.checkShell(template("echo \"$${x:-${v}}\""));
    assertEquals(1, found.size(), found.toString());
    assertEquals("shell-template", found.get(0).rule());
    assertEquals(13, found.get(0).span().column() - Fixtures.AT.column() + 1);
    assertThrows(EvalException.class, () -> ENGINE.expandShell(template("echo \"$${x:-${v}}\""), Scope.of(Map.of("v", "a"))));
  }

  @Test
  void aTemplateInAHereDocumentDelimiterIsRefused() {
    assertEquals(1, ENGINE.checkShell(template("cat <<${v}\nx\n")).size());
    assertEquals(1, ENGINE.checkShell(template("cat <<'E O F'\n${v}\nE O F\n")).size());
    assertTrue(ENGINE.checkShell(template("cat <<'EOF'\n${v}\nEOF\n")).isEmpty());
  }

  @Test
  void aNulInAValueIsAnErrorBeforeAnythingRuns() {
    EvalException e = assertThrows(EvalException.class,
        () -> ENGINE.expandShell(template("echo ${v}"), Scope.of(Map.of("v", "a\u0000b"))));
    assertTrue(e.getMessage().contains("NUL"), e.getMessage());
  }

  private static String bash(ShellCommand cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c", cmd.script())
        .redirectErrorStream(true)
        .directory(dir.toFile());
    Map<String, String> env = new LinkedHashMap<>(cmd.values());
    env.put("RUNBOOK_TEST_DIR", dir.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out + "\nscript: " + cmd.script());
    return out;
  }
}
