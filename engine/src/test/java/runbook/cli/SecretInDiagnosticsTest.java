package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A secret's value in what the engine says about a failure: a params file whose malformed entry is
 * the secret's own line, a function's error that quotes the value, and an internal error whose
 * message (or a cause's) holds it. None shows it, on the screen or in any file.
 */
class SecretInDiagnosticsTest {
  private static final String SECRET = "Hunter2-pass-phrase";

  @TempDir Path tmp;
  private CliHarness cli;
  private Path playbook;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    playbook = tmp.resolve("pb.yaml");
    Files.writeString(playbook, """
        runbook: 1
        name: secret-diagnostics
        title: A secret in what goes wrong
        params:
          token: {secret: true}
          vg: {type: name, default: pve}
        steps:
          - id: check
            title: Read the token as a size
            changes: false
            when: size:bytes(token) > 0
            run: [true]
        """);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "token: [%s, x]\n",
      "token: %s\ntoken: again-%s\n",
      "token=%s\n",
      "vg: pve\ntoken=%s: x\n",
      "vg: pve\n%s\n",
      "token: \"%s\n",
      "token: %s\n  - bad: x\n",
      "token: %s\n\tvg: pve\n",
      "token: {%s: x}\n"})
  void aMalformedParamsFileIsReportedWithoutItsText(String content) throws IOException {
    Path params = tmp.resolve("params.yaml");
    Files.writeString(params, content.formatted(SECRET, SECRET));
    CliHarness.Result r = cli.run("run", playbook.toString(), "--params", params.toString());
    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.err().contains(params + ":"), "positioned: " + r.all());
    assertFalse(r.all().contains("Hunter2"), r.all());
  }

  @Test
  void aFunctionsErrorThatQuotesTheValueIsMaskedEverywhere() throws IOException {
    Path file = tmp.resolve("token");
    Files.writeString(file, SECRET + "\n");
    CliHarness.Result r = cli.run("run", playbook.toString(), "--set-from-file", "token=" + file, "-v");
    assertEquals(ExitCodes.FAILED, r.code(), r.all());
    assertTrue(r.all().contains("not a size: '***'"), "the message quotes the value, masked: " + r.all());
    String everything = r.all() + cli.everythingIn(cli.runDir());
    assertFalse(everything.contains("Hunter2"), everything);
  }

  @Test
  void anInternalErrorThatHoldsTheValueIsMaskedOnScreenAndInItsLog() throws IOException {
    Path file = tmp.resolve("token");
    Files.writeString(file, SECRET + "\n");
    cli.run("run", playbook.toString(), "--set-from-file", "token=" + file);
    // what a defect in the engine would throw: a JVM exception quoting the value, with a cause that does too
    Exception bug = new IllegalStateException("cannot convert '" + SECRET + "'",
        new NumberFormatException("For input string: \"" + SECRET + "\""));
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(err),
        new ByteArrayInputStream(new byte[0]), cli.env, false);
    assertEquals(ExitCodes.INTERNAL, Main.internalError(bug, context, true, cli.stateDir));
    String log = Files.readString(cli.stateDir.resolve("internal-errors.log"));
    assertTrue(err.toString().contains("internal error: java.lang.IllegalStateException: cannot convert '***'"), err.toString());
    assertTrue(log.contains("For input string: \"***\""), log);
    assertFalse(err.toString().contains("Hunter2"), err.toString());
    assertFalse(log.contains("Hunter2"), log);
  }
}
