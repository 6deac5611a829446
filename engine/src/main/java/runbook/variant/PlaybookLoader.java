package runbook.variant;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.model.Playbook;
import runbook.model.SourceSpan;
import runbook.parse.YamlDocument;
import runbook.parse.YamlMapping;

/**
 * The one way every command reads a playbook: a plain playbook is parsed, a variant (a file with
 * {@code extends:}) is resolved onto its base. Steps keep the positions of the file they come from;
 * {@link Playbook#sources()} lists every file read, the given one first.
 */
public final class PlaybookLoader {
  private PlaybookLoader() {}

  /**
   * The playbook in {@code file}, variants applied.
   *
   * @throws InvalidInputException with every problem found; a diagnostic in a base reached through
   *     a variant ends with {@code (through variant <variant>:<line>:<col>)}, the position of its
   *     {@code extends}
   */
  public static Playbook load(Path file) throws InvalidInputException {
    return new VariantResolver().resolve(file);
  }

  /**
   * Findings about a loaded playbook (lint's, for example) with the same note as the loader's own: a
   * diagnostic located in a base of a variant ends with {@code (through variant ...)}.
   */
  public static List<Diagnostic> annotate(Playbook playbook, List<Diagnostic> diagnostics) {
    Map<String, List<SourceSpan>> chains = new HashMap<>();
    List<SourceSpan> chain = new ArrayList<>();
    for (String source : playbook.sources()) {
      chains.put(source, List.copyOf(chain));
      SourceSpan extendsKey = extendsKey(source);
      if (extendsKey == null) {
        break;
      }
      chain.add(extendsKey);
    }
    return ThroughNotes.annotate(diagnostics, chains);
  }

  /** Where the file says {@code extends}; null for a plain playbook, or a file that no longer loads. */
  private static SourceSpan extendsKey(String file) {
    try {
      return YamlDocument.load(Path.of(file)).root() instanceof YamlMapping root && root.entry("extends") != null
          ? root.entry("extends").key().span()
          : null;
    } catch (InvalidInputException e) {
      return null;
    }
  }
}
