package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.parse.PlaybookParser;

/**
 * Every playbook under {@code examples/} succeeds on this host. An example that writes takes a
 * {@code dir} param: it gets a scratch directory.
 */
class ExamplesTest {
  @TempDir Path tmp;

  @Test
  void everyExampleSucceeds() throws Exception {
    Path dir = Path.of(System.getProperty("runbook.root", "..")).resolve("examples");
    List<Path> examples;
    try (Stream<Path> files = Files.list(dir)) {
      examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(examples.isEmpty(), "no examples in " + dir);
    for (Path example : examples) {
      CliHarness cli = new CliHarness(Files.createTempDirectory(tmp, "run"));
      List<String> args = new ArrayList<>(List.of("run", example.toString(), "--yes"));
      if (PlaybookParser.parse(example).params().containsKey("dir")) {
        args.addAll(List.of("--set", "dir=" + cli.scratch));
      }
      CliHarness.Result r = cli.run(args.toArray(String[]::new));
      assertEquals(0, r.code(), example + "\n" + r.all());
    }
  }
}
