package runbook.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The lines of the files findings point into, read once each, for quoting the source line. */
public final class SourceLines {
  private final Map<String, List<String>> cache = new HashMap<>();

  /** The lines of {@code file}; empty when it cannot be read. */
  public List<String> of(String file) {
    return cache.computeIfAbsent(file, f -> {
      try {
        return Files.readAllLines(Path.of(f), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        return List.of();
      }
    });
  }
}
