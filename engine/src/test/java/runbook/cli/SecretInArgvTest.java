package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret in a command's arguments is readable by every local user in the process list: lint and
 * run refuse it alike, before the first step, unless the step accepts it with
 * {@code accept-secret-in-argv}; a secret's value that reaches the arguments another way stops the
 * step before its command starts; an accepted secret is still masked everywhere the engine writes.
 */
class SecretInArgvTest {
  private static final String SECRET = "T0ken-'quoted' $(x)";

  @TempDir Path tmp;
  private CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    cli.env.put("RB_TOKEN", SECRET);
  }

  private CliHarness.Result run(String playbook) {
    return cli.run("run", CliHarness.playbook(playbook), "--set-from-env", "token=RB_TOKEN",
        "--set", "dir=" + cli.scratch, "--non-interactive");
  }

  @Test
  void runRefusesASecretInACommandsArgumentsBeforeTheFirstStepAsLintDoes() throws IOException {
    CliHarness.Result r = run("secret-in-argv.yaml");
    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    String at = "secret-in-argv.yaml:15:";
    assertTrue(r.err().contains(at) && r.err().contains("error[secret-in-argv]"), r.all());
    assertTrue(r.err().contains("accept-secret-in-argv: [header]"), r.all());
    assertFalse(Files.exists(cli.scratch.resolve("first-ran")), "nothing may run before the refusal");
    assertFalse(Files.exists(cli.scratch.resolve("leak-ran")));
    assertFalse(r.all().contains("T0ken"), r.all());

    CliHarness.Result lint = cli.run("lint", CliHarness.playbook("secret-in-argv.yaml"));
    assertEquals(1, lint.code(), lint.all());
    String finding = lint.out().lines().filter(l -> l.contains("error[secret-in-argv]")).findFirst().orElseThrow();
    assertTrue(finding.contains(at), finding);
    assertTrue(r.err().contains(finding.substring(finding.indexOf(at))), "run and lint report the same finding:\n"
        + finding + "\n" + r.err());
  }

  @Test
  void anAcceptedSecretRunsAndIsStillMaskedEverywhere() throws IOException {
    CliHarness.Result r = cli.run("run", CliHarness.playbook("secret-in-argv-accepted.yaml"), "--set-from-env",
        "token=RB_TOKEN", "--set", "dir=" + cli.scratch, "--non-interactive", "-v");
    assertEquals(0, r.code(), r.all());
    assertEquals("Authorization: " + SECRET + "\n", Files.readString(cli.scratch.resolve("got")),
        "the command got the value unchanged");
    String everything = r.all() + cli.everythingIn(cli.runDir());
    assertTrue(everything.contains("sent Authorization: ***"), everything);
    assertFalse(everything.contains("T0ken"), everything);
    CliHarness.Result lint = cli.run("lint", CliHarness.playbook("secret-in-argv-accepted.yaml"));
    assertEquals(0, lint.code(), lint.all());
  }

  @Test
  void aSecretsValueThatReachesTheArgumentsThroughAnOutputStopsTheStepUnstarted() throws IOException {
    CliHarness.Result r = run("secret-echoed-into-argv.yaml");
    assertEquals(ExitCodes.FAILED, r.code(), r.all());
    assertTrue(r.all().contains("not started: word 2 of the command holds the value of a secret param"), r.all());
    try (Stream<Path> files = Files.list(cli.scratch)) {
      assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("leak-")).count(),
          "the command must not have run");
    }
    assertFalse((r.all() + cli.everythingIn(cli.runDir())).contains("T0ken"));
  }

  @Test
  void anAcceptedNameThatIsNoSecretIsAFinding() throws IOException {
    Path pb = tmp.resolve("typo.yaml");
    Files.writeString(pb, """
        runbook: 1
        name: typo
        title: A misspelt name in accept-secret-in-argv
        params:
          token: {secret: true}
        steps:
          - id: login
            title: Log in
            accept-secret-in-argv: [tokn]
            run: [vendor-cli, --password, "${token}"]
        """);
    CliHarness.Result lint = cli.run("lint", pb.toString());
    assertEquals(1, lint.code(), lint.all());
    assertTrue(lint.out().contains("names `tokn`, which is not a secret param"), lint.all());
    assertTrue(lint.out().contains("secret param `token` is in the arguments of a command"), lint.all());
    CliHarness.Result r = cli.run("run", pb.toString(), "--set-from-env", "token=RB_TOKEN");
    assertEquals(ExitCodes.INVALID, r.code(), r.all());
  }
}
