package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret a command prints never reaches the disk: the engine redacts the step's output as it
 * writes it, so killing the engine while the command still runs leaves nothing to find.
 */
class SecretOnKillTest {
  private static final String SECRET = "s3cr3t-T0ken-value";

  @TempDir Path tmp;

  @Test
  void killingTheEngineMidCommandLeavesNoSecretOnDisk() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    Process engine = EngineProcess.start(cli, tmp, "run", CliHarness.playbook("secret-then-wait.yaml"),
        "--set", "token=" + SECRET, "--set", "dir=" + cli.scratch, "--non-interactive");
    // both streams are pumped on their own threads: kill only once each has reached its log
    Path out = null;
    Path err = null;
    for (int i = 0; i < 1200 && !(contains(out, "token is ***") && contains(err, "err ***")); i++) {
      assertTrue(engine.isAlive(), () -> "the engine ended early: " + read(tmp.resolve("err.txt")));
      Thread.sleep(50);
      out = stepLog(cli, "print_token.out");
      err = stepLog(cli, "print_token.err");
    }
    assertTrue(contains(out, "token is ***") && contains(err, "err ***"), "the command's output never reached its logs");

    EngineProcess.killTree(engine, cli.scratch.toString());

    String everything = cli.everythingIn(cli.stateDir);
    assertTrue(everything.contains("err ***"), everything);
    assertFalse(everything.contains(SECRET), everything);
  }

  /** steps/print_token.out of the one run, once it exists. */
  private static boolean contains(Path log, String text) throws Exception {
    return log != null && Files.readString(log).contains(text);
  }

  private static Path stepLog(CliHarness cli, String name) throws Exception {
    Path runs = cli.stateDir.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return null;
    }
    try (Stream<Path> files = Files.walk(runs)) {
      return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElse(null);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "(no " + p + ")";
    }
  }
}
