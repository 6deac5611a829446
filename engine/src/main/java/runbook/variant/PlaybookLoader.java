package runbook.variant;

import java.nio.file.Path;
import runbook.diag.InvalidInputException;
import runbook.model.Playbook;

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
}
