package runbook.diag;

import java.util.List;
import java.util.Set;
import runbook.model.Playbook;

/**
 * Thrown when an input file (playbook, variant, scenario, params file) is invalid: carries every
 * diagnostic found, so all of them are reported together before anything runs. A playbook that
 * failed to parse also carries what could be built of it, so that lint and the run's check report
 * the expression, flow and safety findings of the rest in the same pass.
 */
public final class InvalidInputException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;
  private final transient Playbook partial;
  private final transient Set<String> unbuilt;
  private final transient Set<String> unquoted;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    this(diagnostics, null, Set.of());
  }

  /**
   * @param partial the playbook without the steps too broken to build; null when nothing usable was read
   * @param unbuilt ids of steps that exist in the file but could not be built (reading them is not
   *     an undefined name)
   */
  public InvalidInputException(List<Diagnostic> diagnostics, Playbook partial, Set<String> unbuilt) {
    this(diagnostics, partial, unbuilt, Set.of());
  }

  private InvalidInputException(List<Diagnostic> diagnostics, Playbook partial, Set<String> unbuilt, Set<String> unquoted) {
    super(diagnostics.isEmpty() ? "invalid input" : diagnostics.get(0).message());
    this.diagnostics = List.copyOf(diagnostics);
    this.partial = partial;
    this.unbuilt = Set.copyOf(unbuilt);
    this.unquoted = Set.copyOf(unquoted);
  }

  /**
   * The same problems, reported without quoting the lines of {@code file}: a params file may hold
   * secrets, and the line of a malformed entry is the secret's own line.
   */
  public InvalidInputException withoutLinesOf(String file) {
    java.util.Set<String> files = new java.util.HashSet<>(unquoted);
    files.add(file);
    return new InvalidInputException(diagnostics, partial, unbuilt, files);
  }

  /** Files whose lines the report of these problems must not show. */
  public Set<String> unquoted() {
    return unquoted;
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** What could be built of a playbook that did not parse; null when none. */
  public Playbook partial() {
    return partial;
  }

  /** Ids of the steps that {@link #partial()} lacks. */
  public Set<String> unbuilt() {
    return unbuilt;
  }

  /** The same partial playbook with other diagnostics. */
  public InvalidInputException withDiagnostics(List<Diagnostic> replaced, Playbook newPartial) {
    return new InvalidInputException(replaced, newPartial, unbuilt, unquoted);
  }
}
