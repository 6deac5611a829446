package runbook.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import runbook.diag.InvalidInputException;
import runbook.scenario.ScenarioFiles;
import runbook.scenario.ScenarioReader;

/**
 * A playbook given by name: {@code runbook run thin-pool-metadata-repair} on a host where the
 * playbooks are installed. A bare name (no {@code /}) that is no file in the current directory is
 * looked up as {@code NAME}, {@code NAME.yaml} or {@code NAME.yml} in the directories of
 * {@code RUNBOOK_PLAYBOOKS} (colon-separated, first match wins). The launcher sets that variable to
 * the shipped playbooks (an installed package's {@code /usr/share/runbook/playbooks}, a clone's
 * {@code playbooks/}) unless the operator set it; a path is always taken as it is.
 */
final class PlaybookNames {
  static final String ENV = "RUNBOOK_PLAYBOOKS";
  private static final List<String> SUFFIXES = List.of("", ".yaml", ".yml");

  private PlaybookNames() {}

  /** The file {@code given} names: itself when it exists or is a path, else the named playbook, else itself. */
  static Path resolve(Path given, Map<String, String> env) {
    if (Files.exists(given) || !isBareName(given)) {
      return given;
    }
    for (Path dir : dirs(env)) {
      for (String suffix : SUFFIXES) {
        Path candidate = dir.resolve(given + suffix);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    return given;
  }

  /**
   * What {@code runbook test NAME} rehearses: the scenarios under the named playbook's directory
   * whose {@code playbook:} is that playbook. A scenario that cannot be read is kept, so that the test
   * reports its problem instead of leaving it out. Null when {@code given} is no playbook name.
   */
  static List<Path> scenariosOf(Path given, Map<String, String> env) throws IOException {
    Path playbook = resolve(given, env);
    if (playbook.equals(given)) {
      return null;
    }
    Path target = playbook.toAbsolutePath().normalize();
    List<Path> out = new ArrayList<>();
    for (Path f : ScenarioFiles.find(List.of(target.getParent()))) {
      try {
        if (ScenarioReader.read(f).playbook().toAbsolutePath().normalize().equals(target)) {
          out.add(f);
        }
      } catch (InvalidInputException e) {
        out.add(f);
      }
    }
    return out;
  }

  /** The end of a "no such file" message: where a bare name was looked for, and what is there. */
  static String notFoundHint(Path given, Map<String, String> env) {
    if (!isBareName(given)) {
      return "";
    }
    List<Path> dirs = dirs(env);
    if (dirs.isEmpty()) {
      return " (a bare name is looked up in " + ENV + ", which is not set)";
    }
    List<String> names = new ArrayList<>();
    for (Path dir : dirs) {
      try (var files = Files.list(dir)) {
        files.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
            .map(n -> n.substring(0, n.lastIndexOf('.')))
            .sorted()
            .forEach(names::add);
      } catch (IOException e) {
        // an unreadable directory holds no names; the message still names it
      }
    }
    return " (nor a playbook of that name in " + String.join(":", dirs.stream().map(Path::toString).toList())
        + (names.isEmpty() ? ", which holds none)" : "; there: " + String.join(", ", names) + ")");
  }

  private static boolean isBareName(Path given) {
    String s = given.toString();
    return !s.isEmpty() && !s.contains("/") && !s.equals(".") && !s.equals("..");
  }

  private static List<Path> dirs(Map<String, String> env) {
    String value = env.get(ENV);
    List<Path> dirs = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(":")) {
        if (!part.isBlank()) {
          dirs.add(Path.of(part));
        }
      }
    }
    return dirs;
  }
}
