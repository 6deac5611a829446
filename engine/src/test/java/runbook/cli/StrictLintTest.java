package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's tour and every example and shipped file pass {@code runbook lint --strict}: no error, no warning. */
class StrictLintTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", ".."));

  private static String lint(String... paths) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[paths.length + 2];
    args[0] = "lint";
    args[1] = "--strict";
    System.arraycopy(paths, 0, args, 2, paths.length);
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), Map.of());
    return code + "\n" + out + err;
  }

  @Test
  void theReadmeTourPassesStrictLint(@TempDir Path dir) throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int tour = readme.indexOf("## A short tour of the format");
    int start = readme.indexOf("```yaml\n", tour) + "```yaml\n".length();
    int end = readme.indexOf("```", start);
    assertTrue(tour > 0 && start > tour && end > start, "the README has its tour");
    Path file = dir.resolve("tour.yaml");
    Files.writeString(file, readme.substring(start, end));
    String result = lint(file.toString());
    assertTrue(result.startsWith("0\n"), result);
    assertTrue(result.contains("0 errors, 0 warnings in 1 file"), result);
  }

  @Test
  void everyExampleAndShippedFilePassesStrictLint() {
    String result = lint(ROOT.resolve("examples").toString(), ROOT.resolve("playbooks").toString());
    assertEquals("0", result.substring(0, result.indexOf('\n')), result);
    assertTrue(result.contains("0 errors, 0 warnings in "), result);
  }
}
