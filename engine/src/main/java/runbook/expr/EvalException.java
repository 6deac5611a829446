package runbook.expr;

import java.util.Objects;
import runbook.diag.Diagnostic;

/** An expression or template could not be evaluated; the diagnostic says where and why. */
public final class EvalException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Diagnostic diagnostic;

  public EvalException(Diagnostic diagnostic) {
    super(Objects.requireNonNull(diagnostic, "diagnostic").message());
    this.diagnostic = diagnostic;
  }

  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
