package runbook.variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import runbook.model.SourceSpan;
import runbook.parse.YamlMapping;
import runbook.parse.YamlNode;
import runbook.parse.YamlScalar;
import runbook.parse.YamlSequence;

/**
 * The steps of a playbook as YAML nodes, found and rewritten by id anywhere in the tree: top level,
 * groups ({@code steps}), {@code on-failure} lists and {@code require-state} {@code fix} lists.
 * Working on nodes keeps every step's position in the file it came from, and leaves all checking of
 * the result to the playbook parser. Nodes are immutable: a rewrite rebuilds the path to the change.
 */
final class StepTree {
  private YamlSequence steps;

  StepTree(YamlSequence steps) {
    this.steps = steps;
  }

  YamlSequence steps() {
    return steps;
  }

  /** Every step id in the tree with where its value stands, in file order. */
  Map<String, SourceSpan> ids() {
    return ids(steps);
  }

  /** Every step id in {@code list} and everything nested in it. */
  static Map<String, SourceSpan> ids(YamlNode list) {
    Map<String, SourceSpan> out = new LinkedHashMap<>();
    collect(list, out);
    return out;
  }

  /** Adds {@code more} steps at the end of the top-level list. */
  void append(List<YamlNode> more) {
    List<YamlNode> items = new ArrayList<>(steps.items());
    items.addAll(more);
    steps = new YamlSequence(items, steps.span());
  }

  /** The step with this id, or null. */
  YamlMapping find(String id) {
    YamlMapping[] step = new YamlMapping[1];
    list(steps, id, s -> {
      step[0] = s;
      return List.of(s);
    }, new boolean[1]);
    return step[0];
  }

  /**
   * Puts {@code change.apply(step)} (no node, one, or several) where the step {@code id} is.
   *
   * @return false when there is no such step
   */
  boolean rewrite(String id, Function<YamlMapping, List<YamlNode>> change) {
    boolean[] found = new boolean[1];
    steps = list(steps, id, change, found);
    return found[0];
  }

  /** The id scalar of a step mapping, or null when it has none. */
  static YamlScalar idNode(YamlMapping step) {
    YamlMapping.Entry e = step.entry("id");
    return e != null && e.value() instanceof YamlScalar s && s.type() != YamlScalar.Type.NULL ? s : null;
  }

  private static YamlSequence list(YamlSequence list, String id, Function<YamlMapping, List<YamlNode>> change,
      boolean[] found) {
    List<YamlNode> out = new ArrayList<>();
    boolean changed = false;
    for (YamlNode item : list.items()) {
      if (item instanceof YamlMapping step) {
        YamlScalar stepId = idNode(step);
        if (stepId != null && stepId.value().equals(id)) {
          out.addAll(change.apply(step));
          found[0] = true;
          changed = true;
          continue;
        }
        YamlMapping rewritten = children(step, id, change, found);
        changed |= rewritten != step;
        out.add(rewritten);
      } else {
        out.add(item);
      }
    }
    return changed ? new YamlSequence(out, list.span()) : list;
  }

  /** The step with its nested lists rewritten; the same node when nothing in them changed. */
  private static YamlMapping children(YamlMapping step, String id, Function<YamlMapping, List<YamlNode>> change,
      boolean[] found) {
    List<YamlMapping.Entry> out = new ArrayList<>();
    boolean changed = false;
    for (YamlMapping.Entry e : step.entries()) {
      YamlNode value = e.value();
      if (isStepList(e) && value instanceof YamlSequence seq) {
        value = list(seq, id, change, found);
        if (value != seq && ((YamlSequence) value).items().isEmpty() && !"steps".equals(e.keyText())) {
          // removing the last fix or on-failure step removes the list; an empty group stays an error
          continue;
        }
      } else if ("require-state".equals(e.keyText()) && value instanceof YamlMapping body) {
        value = children(body, id, change, found);
      }
      changed |= value != e.value();
      out.add(new YamlMapping.Entry(e.key(), value));
    }
    changed |= out.size() != step.entries().size();
    return changed ? new YamlMapping(out, step.span()) : step;
  }

  /** {@code steps} and {@code on-failure} of a step, and {@code fix} inside a require-state body. */
  private static boolean isStepList(YamlMapping.Entry e) {
    String key = e.keyText();
    return "steps".equals(key) || "on-failure".equals(key) || "fix".equals(key);
  }

  private static void collect(YamlNode node, Map<String, SourceSpan> out) {
    if (!(node instanceof YamlSequence list)) {
      return;
    }
    for (YamlNode item : list.items()) {
      if (!(item instanceof YamlMapping step)) {
        continue;
      }
      YamlScalar id = idNode(step);
      if (id != null) {
        out.putIfAbsent(id.value(), id.valueSpan());
      }
      for (YamlMapping.Entry e : step.entries()) {
        if (isStepList(e)) {
          collect(e.value(), out);
        } else if ("require-state".equals(e.keyText()) && e.value() instanceof YamlMapping body) {
          YamlMapping.Entry fix = body.entry("fix");
          if (fix != null) {
            collect(fix.value(), out);
          }
        }
      }
    }
  }
}
