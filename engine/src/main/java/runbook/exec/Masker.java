package runbook.exec;

import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;
import runbook.process.Redactor;

/**
 * Replaces every secret value with {@code ***}. One instance per run, built from the secret
 * params' values, and applied wherever text leaves the engine: console, journal, log, report,
 * params file, the copy of the playbook; and, through {@link #redactor()}, the commands' output as
 * it is written to the run directory.
 */
public final class Masker implements UnaryOperator<String> {
  public static final String MASK = "***";
  public static final Masker NONE = new Masker(List.of());

  private final Redactor redactor;

  public Masker(Collection<String> secrets) {
    this.redactor = Redactor.of(secrets, MASK);
  }

  public String mask(String text) {
    return text == null ? null : redactor.redact(text);
  }

  /** The same replacement for bytes, for the commands' output files in the run directory. */
  public Redactor redactor() {
    return redactor;
  }

  @Override
  public String apply(String text) {
    return mask(text);
  }
}
