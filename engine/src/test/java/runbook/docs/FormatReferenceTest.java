package runbook.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import runbook.parse.StepKeys;

/** The format reference documents every action the parser accepts, and every common key. */
class FormatReferenceTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", ".."));

  private static String reference() throws IOException {
    return Files.readString(ROOT.resolve("docs/format.md"), StandardCharsets.UTF_8);
  }

  @Test
  void everyActionHasASectionInTheFormatReference() throws IOException {
    String doc = reference();
    for (String action : StepKeys.ACTIONS) {
      // a group is written `steps:` and documented under its own name
      String heading = action.equals("steps") ? "\n## Groups\n" : "\n## `" + action + "`\n";
      assertTrue(doc.contains(heading), "docs/format.md has no section for `" + action + "`");
    }
  }

  @Test
  void everyCommonStepKeyIsDocumented() throws IOException {
    String doc = reference();
    for (String key : StepKeys.COMMON) {
      assertTrue(doc.contains("| `" + key + "` |"), "docs/format.md does not document the step key `" + key + "`");
    }
  }
}
