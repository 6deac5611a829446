package runbook.variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import runbook.diag.Diagnostics;
import runbook.diag.Suggestions;
import runbook.model.Ref;
import runbook.model.SourceSpan;
import runbook.parse.ParseRule;
import runbook.parse.StepKeys;
import runbook.parse.YamlMapping;
import runbook.parse.YamlNode;
import runbook.parse.YamlSequence;

/**
 * Applies a variant's patches, in order, to its base's step tree, reporting every patch that cannot
 * apply. A patch that fails changes nothing (an insert leaves out only its steps whose ids are
 * taken), and the ones after it still apply, so that one run reports every problem.
 */
final class Patcher {
  private final StepTree tree;
  private final Diagnostics diagnostics;
  private final String baseFile;
  /** Ids that an earlier patch removed or replaced away, with that patch's target. */
  private final Map<String, Ref> gone = new LinkedHashMap<>();
  private final List<YamlNode> unplaced = new ArrayList<>();

  Patcher(StepTree tree, Diagnostics diagnostics, String baseFile) {
    this.tree = tree;
    this.diagnostics = diagnostics;
    this.baseFile = baseFile;
  }

  StepTree tree() {
    return tree;
  }

  void apply(List<Patch> patches) {
    for (Patch p : patches) {
      p.apply(this);
    }
    // steps no patch could place (an unknown target, a taken id) are still read and checked, at the
    // end of the list: their own mistakes are reported in the same pass as the patch's. The patch's
    // error already keeps the variant from running.
    if (!unplaced.isEmpty()) {
      tree.append(unplaced);
    }
  }

  /** Steps a patch meant to put in the tree but could not, after reporting why. */
  void unplaced(List<YamlNode> steps) {
    unplaced.addAll(steps);
  }

  /** The step a patch targets, or null after reporting that there is none. */
  YamlMapping step(Ref target) {
    YamlMapping step = tree.find(target.id());
    if (step != null) {
      return step;
    }
    Ref by = gone.get(target.id());
    if (by != null) {
      diagnostics.error(VariantRule.UNKNOWN_TARGET, target.span(),
          "step `" + target.id() + "` is no longer there: the patch at line " + by.span().line()
              + " (`" + by.id() + "`) removed or replaced it",
          "patches apply in order: target the step before that patch, or drop one of the two");
      return null;
    }
    List<String> ids = new ArrayList<>(tree.ids().keySet());
    diagnostics.error(VariantRule.UNKNOWN_TARGET, target.span(),
        "no step `" + target.id() + "` in " + baseFile,
        Objects.requireNonNullElse(Suggestions.didYouMean(target.id(), ids),
            "a patch targets a step by its id; `runbook render " + baseFile + "` lists them"));
    return null;
  }

  /**
   * The id of the step a misspelt {@code target} most likely means (the one its did-you-mean
   * names), or null when it names a step an earlier patch took away or nothing is close.
   */
  String meant(Ref target) {
    if (gone.containsKey(target.id())) {
      return null;
    }
    return Suggestions.closest(target.id(), tree.ids().keySet());
  }

  /**
   * True when no step id in {@code inserted} is taken in the tree, except those in {@code freed}
   * (the ids of the step being replaced); reports every clash.
   */
  boolean newIdsAreFree(YamlSequence inserted, Set<String> freed) {
    Map<String, SourceSpan> taken = tree.ids();
    boolean free = true;
    for (Map.Entry<String, SourceSpan> id : StepTree.ids(inserted).entrySet()) {
      SourceSpan at = taken.get(id.getKey());
      if (at != null && !freed.contains(id.getKey())) {
        diagnostics.error(ParseRule.DUPLICATE_ID, id.getValue(),
            "step id `" + id.getKey() + "` is already used at " + at,
            "give the new step its own id, or `replace: " + id.getKey() + "` to change the existing step");
        free = false;
      }
    }
    return free;
  }

  /** Remembers that {@code removed} ids (less those put back) are gone because of the patch on {@code by}. */
  void gone(Set<String> removed, Set<String> putBack, Ref by) {
    for (String id : removed) {
      if (!putBack.contains(id)) {
        gone.put(id, by);
      }
    }
  }

  /** The entries of an update's {@code set} that may be set on {@code step}; reports every one that may not. */
  List<YamlMapping.Entry> settableKeys(Ref target, YamlMapping step, YamlMapping set) {
    String action = action(step);
    List<String> settable = StepKeys.ALL.stream().filter(k -> !k.equals("id")).toList();
    List<YamlMapping.Entry> valid = new ArrayList<>();
    for (YamlMapping.Entry e : set.entries()) {
      String key = e.keyText();
      String problem = null;
      String hint = null;
      if (key == null) {
        problem = "cannot set " + e.key().describe() + ": a key must be a string";
      } else if (key.equals("id")) {
        problem = "cannot change a step's id";
        hint = "conditions and `of:` read the step by its id; use `replace: " + target.id()
            + "` with a step of the new id instead";
      } else if (!StepKeys.ALL.contains(key)) {
        problem = "cannot set `" + key + "`: it is not a step key";
        hint = Suggestions.hint(key, settable);
      } else if (StepKeys.ACTIONS.contains(key) && action != null && !key.equals(action)) {
        problem = "cannot change the action of `" + target.id() + "` from `" + action + "` to `" + key + "`";
        hint = "use `replace: " + target.id() + "` with the whole new step";
      }
      if (problem != null) {
        diagnostics.error(VariantRule.BAD_UPDATE_KEY, e.key().span(),
            "`update: " + target.id() + "` " + problem, hint);
      } else {
        valid.add(e);
      }
    }
    return valid;
  }

  /** The step's action key, or null when it has none (the parser reports that). */
  private static String action(YamlMapping step) {
    for (YamlMapping.Entry e : step.entries()) {
      if (StepKeys.ACTIONS.contains(e.keyText())) {
        return e.keyText();
      }
    }
    return null;
  }

  /** One node as a list, for the id walks. */
  static YamlSequence listOf(YamlNode node) {
    return new YamlSequence(List.of(node), node.span());
  }
}
