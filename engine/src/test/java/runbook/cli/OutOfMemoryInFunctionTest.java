package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An out-of-memory error inside a function is an error of the step that evaluates it: never
 * {@code false} (which would run the other branch), never an internal error (exit 70). The engine
 * runs in a JVM of its own with a small heap, so that a text within the expression bounds (64 Mi
 * characters) is more than the memory holds, as it would be on a host short of memory.
 */
class OutOfMemoryInFunctionTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"size(str:replace(x, 'a', x)) > 0", "size(str:replace(x, 'a', x)) == 0",
      "empty(str:replace(x, 'a', x))", "!empty(str:replace(x, 'a', x))"})
  void anOutOfMemoryErrorInsideSizeOrEmptyFailsTheStep(String condition) throws Exception {
    CliHarness cli = new CliHarness(tmp);
    Path pb = tmp.resolve("oom.yaml");
    // 8,000 characters, each replaced by all 8,000: 64,000,000 characters, within the bound of
    // 67,108,864 but more than a 48 MiB heap holds
    Files.writeString(pb, """
        runbook: 1
        name: oom
        title: A function runs out of memory
        params:
          x: {default: %s}
          dir: {type: path}
        steps:
          - id: branch
            title: A step whose condition builds too much
            when: "%s"
            run: [touch, "${dir}/branch-ran"]
          - id: after
            title: The step after it
            run: [touch, "${dir}/after-ran"]
        """.formatted("a".repeat(8000), condition));
    Process engine = EngineProcess.start(cli, tmp, List.of("-Xmx48m"),
        "run", pb.toString(), "--set", "dir=" + cli.scratch, "--non-interactive");
    assertTrue(engine.waitFor(300, TimeUnit.SECONDS), "the engine did not end");
    String out = Files.readString(tmp.resolve("out.txt")) + Files.readString(tmp.resolve("err.txt"));
    assertEquals(ExitCodes.FAILED, engine.exitValue(), out);
    assertTrue(out.contains("ran out of memory"), out);
    assertFalse(out.contains("OutOfMemoryError") || out.contains("internal error"), out);
    assertFalse(Files.exists(cli.scratch.resolve("branch-ran")), "the step's command must not run");
    assertFalse(Files.exists(cli.scratch.resolve("after-ran")), "the run must stop at the failed step");
  }
}
