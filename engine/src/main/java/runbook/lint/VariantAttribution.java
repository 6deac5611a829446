package runbook.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.model.Playbook;
import runbook.model.SourceSpan;
import runbook.model.Step;
import runbook.parse.YamlDocument;
import runbook.parse.YamlMapping;
import runbook.parse.YamlNode;
import runbook.parse.YamlScalar;
import runbook.parse.YamlSequence;
import runbook.variant.PlaybookLoader;

/**
 * A variant answers for what it changes. A finding about a resolved variant that its base, resolved
 * on its own, does not have was caused by the variant, even when the step it concerns is written in
 * the base: it is reported against the variant, at the patch that targets that step (or one of its
 * enclosing steps, or a step the message names), else at the variant's {@code patch:} or
 * {@code extends:} key, and the message says where in the base the step is. A base step that said
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
    Patches patches = Patches.of(variant.file());
    List<Diagnostic> out = new ArrayList<>();
    List<Diagnostic> kept = new ArrayList<>();
    for (Diagnostic d : found) {
      if (d.span().file().equals(variant.file())) {
        out.add(d);
      } else if (!inBase.contains(d)) {
        out.add(patches.relocate(d, variant));
      } else if (keepBaseOwn) {
        kept.add(d);
      }
    }
    for (Step s : base.allSteps()) {
      if (s.info().confirmedBy() == null) {
        continue;
      }
      variant.step(s.id()).filter(v -> v.changes() && v.info().confirmedBy() == null).ifPresent(v -> out.add(
          GuardCheck.RULE.at(patches.at(v, variant), "step `" + s.id() + "` must be confirmed by typing (`confirmed-by: "
              + s.info().confirmedBy().id() + "` in " + s.info().span() + "), but this variant's step has no `confirmed-by`",
              "keep `confirmed-by: " + s.info().confirmedBy().id() + "` on the new step")));
    }
    out.addAll(PlaybookLoader.annotate(variant, kept));
    return out;
  }

  /**
   * The variant's patch entries by target id (those that change a step, those that remove one, those
   * that insert beside one), and its fallback position.
   */
  private record Patches(Map<String, SourceSpan> changes, Map<String, SourceSpan> removes,
      Map<String, SourceSpan> inserts, SourceSpan fallback) {
    static Patches of(String file) {
      Map<String, SourceSpan> changes = new LinkedHashMap<>();
      Map<String, SourceSpan> removes = new LinkedHashMap<>();
      Map<String, SourceSpan> inserts = new LinkedHashMap<>();
      SourceSpan fallback = new SourceSpan(file, 1, 1);
      try {
        if (YamlDocument.load(Path.of(file)).root() instanceof YamlMapping root) {
          YamlMapping.Entry ext = root.entry("extends");
          YamlMapping.Entry patch = root.entry("patch");
          fallback = patch != null ? patch.key().span() : ext != null ? ext.key().span() : fallback;
          if (patch != null && patch.value() instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
              if (item instanceof YamlMapping m) {
                put(m, "replace", changes);
                put(m, "update", changes);
                put(m, "remove", removes);
                put(m, "before", inserts);
                put(m, "after", inserts);
              }
            }
          }
        }
      } catch (InvalidInputException e) {
        // the variant loaded a moment ago; were it unreadable now, its first line stands in
      }
      return new Patches(changes, removes, inserts, fallback);
    }

    private static void put(YamlMapping m, String op, Map<String, SourceSpan> into) {
      if (m.entry(op) != null && m.entry(op).value() instanceof YamlScalar s) {
        into.putIfAbsent(s.value(), m.entry(op).key().span());
      }
    }

    /** The patch that replaced or updated the step (or a step around it); the fallback otherwise. */
    SourceSpan at(Step step, Playbook variant) {
      SourceSpan at = first(changes, enclosing(step, variant));
      return at != null ? at : fallback;
    }

    /**
     * The patch most likely to have caused a finding about {@code step}: one that changed it, one
     * whose target the message names, a removal, one that inserted beside it.
     */
    private SourceSpan cause(Step step, Diagnostic d, Playbook variant) {
      List<Step> around = step == null ? List.of() : enclosing(step, variant);
      SourceSpan at = first(changes, around);
      for (Map<String, SourceSpan> ops : List.of(changes, removes)) {
        for (Map.Entry<String, SourceSpan> e : ops.entrySet()) {
          if (at == null && (d.message().contains("`" + e.getKey() + "`") || d.message().contains("`" + e.getKey() + "."))) {
            at = e.getValue();
          }
        }
      }
      if (at == null && !removes.isEmpty()) {
        at = removes.values().iterator().next();
      }
      if (at == null) {
        at = first(inserts, around);
      }
      return at != null ? at : fallback;
    }

    private static SourceSpan first(Map<String, SourceSpan> ops, List<Step> steps) {
      for (Step s : steps) {
        if (ops.containsKey(s.id())) {
          return ops.get(s.id());
        }
      }
      return null;
    }

    Diagnostic relocate(Diagnostic d, Playbook variant) {
      Step step = stepAt(d.span(), variant);
      SourceSpan at = cause(step, d, variant);
      String where = d.span().file() + ":" + d.span().line() + ":" + d.span().column()
          + (step == null ? "" : " (step `" + step.id() + "`)");
      return new Diagnostic(d.severity(), d.rule(), "through this variant, in " + where + ": " + d.message(), at,
          d.hint());
    }

    /** The step written at or before {@code span} in its file: the one the finding is about. */
    private static Step stepAt(SourceSpan span, Playbook variant) {
      Step best = null;
      for (Step s : variant.allSteps()) {
        SourceSpan sp = s.info().span();
        if (sp.file().equals(span.file()) && sp.line() <= span.line()
            && (best == null || sp.line() > best.info().span().line())) {
          best = s;
        }
      }
      return best;
    }

    /** The step and the steps that contain it, innermost first. */
    private static List<Step> enclosing(Step step, Playbook variant) {
      List<Step> out = new ArrayList<>(List.of(step));
      for (Step s : variant.allSteps()) {
        if (s != step && Playbook.flatten(s.children()).contains(step)) {
          out.add(s);
        }
      }
      out.sort((a, b) -> Integer.compare(Playbook.flatten(a.children()).size(), Playbook.flatten(b.children()).size()));
      return out;
    }
  }
}
