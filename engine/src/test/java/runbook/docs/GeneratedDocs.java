package runbook.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parts of a docs page that are made from the code (a rule index, an action's key table): each
 * sits between {@code <!-- generated: NAME -->} and {@code <!-- end: NAME -->}, and a test fails when
 * the committed text differs from what the code makes. Run the tests with
 * {@code -Drunbook.write-docs=true} to write the made text into the page instead.
 */
public final class GeneratedDocs {
  private GeneratedDocs() {}

  public static Path root() {
    return Path.of(System.getProperty("runbook.root", ".."));
  }

  /** Fails unless the block NAME of {@code page} (relative to the project root) is {@code made}. */
  public static void check(String page, String name, String made) throws IOException {
    Path file = root().resolve(page);
    String doc = Files.readString(file, StandardCharsets.UTF_8);
    String open = "<!-- generated: " + name + " -->\n";
    String close = "<!-- end: " + name + " -->";
    int start = doc.indexOf(open);
    int end = doc.indexOf(close);
    assertTrue(start >= 0 && end > start, page + " has no block `" + open.strip() + "` ... `" + close + "`");
    String committed = doc.substring(start + open.length(), end);
    if (Boolean.getBoolean("runbook.write-docs")) {
      Files.writeString(file, doc.substring(0, start + open.length()) + made + doc.substring(end), StandardCharsets.UTF_8);
      return;
    }
    assertEquals(made, committed, page + ", block `" + name + "`, is made from the code: change the code, then run"
        + " the tests with -Drunbook.write-docs=true to write it");
  }
}
