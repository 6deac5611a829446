package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run refuses expressions that cannot work before its first step, not when it reaches them. */
class RunChecksExpressionsFirstTest {
  @TempDir Path tmp;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
  }

  @Test
  void badExpressionsExit65WithEveryPositionAndNothingRuns() {
    CliHarness.Result r = cli.run("run", CliHarness.playbook("bad-expressions.yaml"), "--set", "dir=" + cli.scratch);
    assertEquals(65, r.code(), r.all());
    assertTrue(r.err().contains("bad-expressions.yaml:13:33: error[expr-syntax]"), r.err());
    assertTrue(r.err().contains("bad-expressions.yaml:17:20: error[undefined-name]: `nosuch`"), r.err());
    assertTrue(r.err().contains("bad-expressions.yaml:17:42: error[expr-sandbox]"), r.err());
    assertFalse(Files.exists(cli.scratch.resolve("first-ran")), "the first step ran");
    assertFalse(Files.exists(cli.stateDir.resolve("runs")), "a run directory was created");
  }
}
