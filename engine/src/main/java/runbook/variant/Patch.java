package runbook.variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import runbook.model.Ref;
import runbook.parse.YamlMapping;
import runbook.parse.YamlNode;
import runbook.parse.YamlScalar;
import runbook.parse.YamlSequence;

/** One entry of a variant's {@code patch:} list, applied to the step tree in order. */
sealed interface Patch permits Patch.Insert, Patch.Replace, Patch.Remove, Patch.Update {
  /** The step the patch names. */
  Ref target();

  /** Changes {@code patcher}'s tree, or reports why it cannot. */
  void apply(Patcher patcher);

  /** {@code before: <id>} or {@code after: <id>} with {@code steps: [...]}. */
  record Insert(Ref target, boolean after, YamlSequence steps) implements Patch {
    @Override
    public void apply(Patcher patcher) {
      if (patcher.step(target) == null) {
        patcher.unplaced(steps.items());
        return;
      }
      // a step whose id (or a nested step's) is taken is reported and put aside, checked at the end
      // of the list (one pass); the others go in where they were meant to
      List<YamlNode> free = new ArrayList<>();
      for (YamlNode item : steps.items()) {
        if (patcher.newIdsAreFree(Patcher.listOf(item), Set.of())) {
          free.add(item);
        } else {
          patcher.unplaced(List.of(item));
        }
      }
      patcher.tree().rewrite(target.id(), step -> {
        List<YamlNode> out = new ArrayList<>();
        if (after) {
          out.add(step);
        }
        out.addAll(free);
        if (!after) {
          out.add(step);
        }
        return out;
      });
    }
  }

  /**
   * {@code replace: <id>} with {@code with: {step}}. A replacement without an {@code id} keeps the
   * replaced step's, so that the conditions and {@code of:} that read it still find it.
   */
  record Replace(Ref target, YamlMapping with) implements Patch {
    @Override
    public void apply(Patcher patcher) {
      YamlMapping old = patcher.step(target);
      YamlMapping replacement = StepTree.idNode(with) != null ? with : withId(with, target);
      if (old == null) {
        patcher.unplaced(List.of(replacement));
        return;
      }
      YamlSequence inserted = new YamlSequence(List.of(replacement), with.span());
      Map<String, ?> freed = StepTree.ids(Patcher.listOf(old));
      if (!patcher.newIdsAreFree(inserted, freed.keySet())) {
        patcher.unplaced(List.of(replacement));
        return;
      }
      patcher.tree().rewrite(target.id(), step -> List.of(replacement));
      patcher.gone(freed.keySet(), StepTree.ids(inserted).keySet(), target);
    }

    private static YamlMapping withId(YamlMapping step, Ref id) {
      List<YamlMapping.Entry> entries = new ArrayList<>();
      entries.add(new YamlMapping.Entry(new YamlScalar("id", YamlScalar.Type.STRING, step.span(), step.span()),
          new YamlScalar(id.id(), YamlScalar.Type.STRING, id.span(), id.span())));
      entries.addAll(step.entries());
      return new YamlMapping(entries, step.span());
    }
  }

  /** {@code remove: <id>}: the step and everything nested in it. */
  record Remove(Ref target) implements Patch {
    @Override
    public void apply(Patcher patcher) {
      YamlMapping old = patcher.step(target);
      if (old == null) {
        return;
      }
      patcher.tree().rewrite(target.id(), step -> List.of());
      patcher.gone(StepTree.ids(Patcher.listOf(old)).keySet(), Set.of(), target);
    }
  }

  /** {@code update: <id>} with {@code set: {key: value}}: each key replaces the step's; {@code ~} removes it. */
  record Update(Ref target, YamlMapping set) implements Patch {
    @Override
    public void apply(Patcher patcher) {
      YamlMapping old = patcher.step(target);
      String on = target.id();
      if (old == null) {
        // the target error is reported; the values are still checked, on the step the did-you-mean
        // names (its action and fields are the ones they were written for), so that one pass
        // reports them too. The error keeps the variant from running.
        on = patcher.meant(target);
        old = on == null ? null : patcher.tree().find(on);
        if (old == null) {
          return;
        }
      }
      // a key that cannot be set is reported and left out; the others are applied, so that their
      // values are checked too (one pass)
      List<YamlMapping.Entry> entries = new ArrayList<>(old.entries());
      for (YamlMapping.Entry change : patcher.settableKeys(target, old, set)) {
        int at = indexOf(entries, change.keyText());
        boolean removes = change.value() instanceof YamlScalar s && s.type() == YamlScalar.Type.NULL;
        if (removes) {
          if (at >= 0) {
            entries.remove(at);
          }
        } else if (at >= 0) {
          entries.set(at, change);
        } else {
          entries.add(change);
        }
      }
      YamlMapping updated = new YamlMapping(entries, old.span());
      patcher.tree().rewrite(on, step -> List.of(updated));
    }

    private static int indexOf(List<YamlMapping.Entry> entries, String key) {
      for (int i = 0; i < entries.size(); i++) {
        if (key.equals(entries.get(i).keyText())) {
          return i;
        }
      }
      return -1;
    }
  }
}
