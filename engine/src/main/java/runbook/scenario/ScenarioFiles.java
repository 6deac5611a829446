package runbook.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds scenario files: {@code *.scenario.yaml}, or any YAML file whose first key is {@code scenario: 1}. */
public final class ScenarioFiles {
  private static final Pattern FIRST_KEY = Pattern.compile("^scenario\\s*:\\s*1\\s*(#.*)?$");

  private ScenarioFiles() {}

  /**
   * The scenarios in {@code paths}, directories searched recursively, each list sorted by path; a
   * file given by name counts whatever its name.
   *
   * @throws NoSuchFileException when a path does not exist
   */
  public static List<Path> find(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new NoSuchFileException(p.toString(), null, "no such file or directory");
      }
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
            if (isScenario(f)) {
              out.add(f);
            }
          }
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  static boolean isScenario(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".scenario.yaml") || name.endsWith(".scenario.yml")) {
      return true;
    }
    if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
      return false;
    }
    try (BufferedReader r = new BufferedReader(new java.io.StringReader(runbook.files.InputFiles.head(file, 64 * 1024)))) {
      String line;
      while ((line = r.readLine()) != null) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#") || t.equals("---")) {
          continue;
        }
        return FIRST_KEY.matcher(t).matches();
      }
    } catch (java.nio.charset.MalformedInputException e) {
      return false;
    }
    return false;
  }
}
