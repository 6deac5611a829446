package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps a cold {@code runbook lint} short, checked on the classes a fresh JVM loads (the
 * figures themselves are {@code bench/lint-bench.sh}'s): lint never starts the logging stack, and
 * picocli is given the one subcommand named.
 */
class LintStartupTest {
  private static final Path PLAYBOOK = Path.of("..", "playbooks", "thin-pool-metadata-repair.yaml");

  @TempDir Path tmp;

  @Test
  void aColdLintLoadsNoLoggingAndNoOtherSubcommand() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    Path classes = tmp.resolve("classes.log");
    Process lint = EngineProcess.start(cli, Files.createDirectories(tmp.resolve("logs")),
        List.of("-Xlog:class+load=info:file=" + classes), "lint", PLAYBOOK.toString());
    assertTrue(lint.waitFor(60, TimeUnit.SECONDS), "lint did not finish");
    assertEquals(0, lint.exitValue(), Files.readString(tmp.resolve("logs/err.txt")));

    String loaded = Files.readString(classes);
    assertTrue(loaded.contains("runbook.lint.Linter "), "the log names the classes loaded");
    assertTrue(loaded.contains("org.apache.commons.jexl3.internal.Engine "), "the playbook's expressions were compiled");
    assertFalse(loaded.contains("ch.qos.logback."), "lint started logback");
    assertFalse(loaded.contains("org.slf4j."), "lint started SLF4J");
    assertFalse(loaded.contains("org.apache.commons.logging.LogFactory "), "JEXL looked up a commons-logging logger");
    // the options the other subcommands share: picocli loads them when it reads those subcommands
    assertFalse(loaded.contains("runbook.cli.StateDirOption "), "picocli read the other subcommands");
    assertFalse(loaded.contains("runbook.cli.OutputOptions "), "picocli read the other subcommands");
  }
}
