package runbook.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.model.Playbook;
import runbook.model.Step;
import runbook.variant.PlaybookLoader;
import runbook.variant.VariantCauses;

/**
 * A variant answers for what it changes. A finding about a resolved variant that its base, resolved
 * on its own, does not have was caused by the variant, even when the step it concerns is written in
 * the base: it is reported against the variant, at the key in the variant that caused it
 * ({@link VariantCauses}), and the message says where in the base the step is. A base step that said
 * {@code confirmed-by} and lost it in the variant is reported the same way.
 */
final class VariantAttribution {
  private VariantAttribution() {}

  /**
   * @param found the findings about the resolved variant
   * @param check the same checks over another playbook (its base)
   * @param keepBaseOwn whether findings the base has too are kept (the run refuses them) or left to
   *     the base's own lint
   */
  static List<Diagnostic> attribute(Playbook variant, List<Diagnostic> found, Function<Playbook, List<Diagnostic>> check,
      boolean keepBaseOwn) {
    if (variant.sources().size() < 2) {
      return found;
    }
    Playbook base;
    try {
      base = PlaybookLoader.load(Path.of(variant.sources().get(1)));
    } catch (InvalidInputException e) {
      return PlaybookLoader.annotate(variant, found);
    }
    Set<Diagnostic> inBase = new HashSet<>(check.apply(base));
    // read only when a finding is to be moved: a clean variant reads no file twice
    java.util.function.Supplier<VariantCauses> causes = new java.util.function.Supplier<>() {
      private VariantCauses read;

      @Override
      public VariantCauses get() {
        if (read == null) {
          read = VariantCauses.of(variant.file(), variant.sources());
        }
        return read;
      }
    };
    List<Diagnostic> out = new ArrayList<>();
    List<Diagnostic> kept = new ArrayList<>();
    for (Diagnostic d : found) {
      if (d.span().file().equals(variant.file())) {
        out.add(d);
      } else if (!inBase.contains(d)) {
        out.add(causes.get().relocate(d));
      } else if (keepBaseOwn) {
        kept.add(d);
      }
    }
    for (Step s : base.allSteps()) {
      if (s.info().confirmedBy() == null) {
        continue;
      }
      variant.step(s.id()).filter(v -> v.changes() && v.info().confirmedBy() == null).ifPresent(v -> out.add(
          GuardCheck.RULE.at(causes.get().changedOrFallback(v.id()), "step `" + s.id() + "` must be confirmed by typing (`confirmed-by: "
              + s.info().confirmedBy().id() + "` in " + s.info().span() + "), but this variant's step has no `confirmed-by`",
              "keep `confirmed-by: " + s.info().confirmedBy().id() + "` on the new step")));
    }
    out.addAll(PlaybookLoader.annotate(variant, kept));
    return out;
  }
}
