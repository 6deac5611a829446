package runbook.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code assert-output}: check what an earlier command printed. Every listed check must hold.
 *
 * @param of the run step whose output is checked; null means the nearest earlier run step
 * @param contains each must occur in the output
 * @param notContains none may occur
 * @param matches multiline regexes that must find a match; named groups become {@code <id>.match.<name>}
 * @param notMatches multiline regexes that must not find a match
 * @param equals the output, trailing newlines ignored, must equal one of these (usually one)
 * @param that a condition over {@code out}, {@code err}, {@code exit}; null for none
 * @param message shown when the assertion fails; null for a generated one
 */
public record AssertOutputStep(
    StepInfo info,
    Ref of,
    OutputStream stream,
    List<Template> contains,
    List<Template> notContains,
    List<Template> matches,
    List<Template> notMatches,
    List<Template> equals,
    Expr that,
    Template message)
    implements Step {
  public AssertOutputStep {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(stream, "stream");
    contains = List.copyOf(contains);
    notContains = List.copyOf(notContains);
    matches = List.copyOf(matches);
    notMatches = List.copyOf(notMatches);
    equals = List.copyOf(equals);
  }

  @Override
  public String action() {
    return "assert-output";
  }

  @Override
  public List<Ref> refs() {
    return of == null ? List.of() : List.of(of);
  }

  @Override
  public List<Evaluated> evaluated() {
    return Evaluated.common(info)
        .templates("contains", contains)
        .templates("not-contains", notContains)
        .templates("matches", matches)
        .templates("not-matches", notMatches)
        .templates("equals", equals)
        .expr("that", that, Evaluated.ASSERT_LOCALS, false)
        .template("message", message, Evaluated.ASSERT_LOCALS, true)
        .build();
  }

  @Override
  public <R> R accept(StepVisitor<R> visitor) {
    return visitor.visitAssertOutput(this);
  }
}
