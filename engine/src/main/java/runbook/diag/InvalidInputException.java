package runbook.diag;

import java.util.List;

/**
 * Thrown when an input file (playbook, variant, scenario, params file) is invalid: carries every
 * diagnostic found, so all of them are reported together before anything runs.
 */
public final class InvalidInputException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "invalid input" : diagnostics.get(0).message());
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
