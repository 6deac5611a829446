package runbook.lint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Which files lint reads: files named on the command line, and playbooks and scenarios found under directories. */
public final class LintFiles {
  /** What a file holds, from its first key. */
  public enum Kind {
    PLAYBOOK,
    SCENARIO
  }

  private LintFiles() {}

  /**
   * Every file to lint, in order: a file as given, a directory searched recursively for
   * {@code *.yaml}/{@code *.yml} files whose first key is {@code runbook:} or {@code scenario:}.
   */
  public static List<Path> find(List<Path> roots) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        out.add(root);
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> {
              String n = p.getFileName().toString();
              return n.endsWith(".yaml") || n.endsWith(".yml");
            })
            .sorted()
            .filter(p -> kind(p) != null)
            .forEach(out::add);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return out;
  }

  /** The kind of file by its first key, or null when it is neither a playbook nor a scenario. */
  public static Kind kind(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".scenario.yaml") || name.endsWith(".scenario.yml")) {
      return Kind.SCENARIO;
    }
    // the first 64 KiB tell: a FIFO or a device is not opened, and /dev/zero is not read to the end
    try (BufferedReader r = new BufferedReader(new java.io.StringReader(runbook.files.InputFiles.head(file, 64 * 1024)))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#") || s.equals("---") || s.startsWith("%")) {
          continue;
        }
        if (line.startsWith("runbook:")) {
          return Kind.PLAYBOOK;
        }
        return line.startsWith("scenario:") ? Kind.SCENARIO : null;
      }
      return null;
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
  }
}
