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
import runbook.diag.Rule;
import runbook.diag.Severity;

/** Which files lint reads: files named on the command line, and playbooks and scenarios found under directories. */
public final class LintFiles {
  /** What a file holds, from its first key. */
  public enum Kind {
    PLAYBOOK,
    SCENARIO
  }

  private LintFiles() {}

  /** Lint's own findings about which files it reads. */
  public static final Rule SKIPPED = new Rule("skipped-file", Severity.INFO,
      "a *.yaml or *.yml file found under a directory is not a playbook, variant or scenario, so it was not linted",
      Rule.Section.LINT);
  public static final Rule NOT_LINTABLE = new Rule("not-a-playbook", Severity.ERROR,
      "a file named on the command line is not a playbook, variant or scenario", Rule.Section.LINT);

  /**
   * What lint reads and what it leaves out, each with the reason.
   *
   * @param files the files to lint, in order
   * @param notes one finding per file left out: {@link #SKIPPED} under a directory, {@link #NOT_LINTABLE} when named
   */
  public record Selection(List<Path> files, List<runbook.diag.Diagnostic> notes) {}

  /**
   * Every file to lint, in order: a file as given, a directory searched recursively for
   * {@code *.yaml}/{@code *.yml} files with a top-level {@code runbook:}, {@code extends:} or
   * {@code scenario:} key. Nothing is left out silently.
   */
  public static Selection select(List<Path> roots) throws IOException {
    List<Path> out = new ArrayList<>();
    List<runbook.diag.Diagnostic> notes = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        if (kind(root) != null) {
          out.add(root);
        } else {
          notes.add(NOT_LINTABLE.at(new runbook.model.SourceSpan(root.toString(), 1, 1),
              root + " is not a playbook, variant or scenario: " + whyNot(root),
              "a playbook or variant has a top-level `runbook:` key, a scenario a `scenario:` key or a name ending in .scenario.yaml"));
        }
        continue;
      }
      List<Path> found;
      try (Stream<Path> walk = Files.walk(root)) {
        found = walk.filter(Files::isRegularFile)
            .filter(p -> {
              String n = p.getFileName().toString();
              return n.endsWith(".yaml") || n.endsWith(".yml");
            })
            .sorted()
            .toList();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      for (Path p : found) {
        if (kind(p) != null) {
          out.add(p);
        } else {
          notes.add(SKIPPED.at(new runbook.model.SourceSpan(p.toString(), 1, 1), "not linted: " + whyNot(p),
              "nothing to do if it is not a playbook; otherwise give it a top-level `runbook: 1`"));
        }
      }
    }
    return new Selection(out, notes);
  }

  /** The files {@link #select} lints. */
  public static List<Path> find(List<Path> roots) throws IOException {
    return select(roots).files();
  }

  /** Why a file is neither a playbook nor a scenario. */
  private static String whyNot(Path file) {
    try {
      List<String> keys = topKeys(file);
      return keys.isEmpty()
          ? "it has no top-level key"
          : "its top-level keys are " + String.join(", ", keys.stream().limit(6).toList())
              + (keys.size() > 6 ? ", ..." : "") + "; none is `runbook:`, `extends:` or `scenario:`";
    } catch (IOException | UncheckedIOException e) {
      return "it cannot be read (" + e.getMessage() + ")";
    }
  }

  /** The kind of file by its top-level keys, or null when it is neither a playbook nor a scenario. */
  public static Kind kind(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".scenario.yaml") || name.endsWith(".scenario.yml")) {
      return Kind.SCENARIO;
    }
    try {
      List<String> keys = topKeys(file);
      if (keys.contains("runbook") || keys.contains("extends")) {
        return Kind.PLAYBOOK;
      }
      return keys.contains("scenario") ? Kind.SCENARIO : null;
    } catch (IOException | UncheckedIOException e) {
      // the parser reports an unreadable file with its reason
      return Kind.PLAYBOOK;
    }
  }

  /** Keys written at the start of a line: the top level of a block mapping. */
  private static List<String> topKeys(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    // bounded, and regular files only: a FIFO is not opened, /dev/zero not read to its end
    try (BufferedReader r = new BufferedReader(new java.io.StringReader(
        runbook.files.InputFiles.readString(file, runbook.parse.YamlLimits.DEFAULT.maxBytes())))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int colon = line.indexOf(':');
        if (colon > 0 && !line.isEmpty() && Character.isLetter(line.charAt(0))
            && line.substring(0, colon).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
          out.add(line.substring(0, colon));
        }
      }
    }
    return out;
  }
}
