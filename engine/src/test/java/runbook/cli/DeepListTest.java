package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A list literal 256 deep (which once asked Java for an array of more dimensions than it has, exit
 * 70) is a positioned error of lint and of the run before its first step, through the command line.
 */
class DeepListTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(ints = {65, 255, 256, 400})
  void aDeeplyNestedListLiteralIsAPositionedErrorBeforeTheFirstStep(int depth) throws Exception {
    CliHarness cli = new CliHarness(tmp);
    Path pb = tmp.resolve("deep.yaml");
    String list = "[".repeat(depth) + "]".repeat(depth);
    Files.writeString(pb, """
        runbook: 1
        name: deep
        title: A list literal nested deeply
        params:
          dir: {type: path}
        steps:
          - id: first
            title: A change before the deep expression
            run: [touch, "${dir}/first-ran"]
          - id: deep
            title: The deep expression
            changes: false
            when: "size(%s) > 0"
            run: [true]
        """.formatted(list));
    CliHarness.Result lint = cli.run("lint", pb.toString());
    assertEquals(1, lint.code(), lint.all());
    assertTrue(lint.out().contains(pb + ":13:"), lint.all());
    CliHarness.Result run = cli.run("run", pb.toString(), "--set", "dir=" + cli.scratch, "--non-interactive");
    assertEquals(ExitCodes.INVALID, run.code(), run.all());
    assertTrue(run.err().contains(pb + ":13:"), run.all());
    assertFalse(run.all().contains("internal error"), run.all());
    assertFalse(Files.exists(cli.scratch.resolve("first-ran")), "nothing may run before the refusal");
  }
}
