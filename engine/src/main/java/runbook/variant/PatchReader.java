package runbook.variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostics;
import runbook.model.Ref;
import runbook.parse.MappingReader;
import runbook.parse.ParseRule;
import runbook.parse.YamlMapping;
import runbook.parse.YamlNode;
import runbook.parse.YamlScalar;
import runbook.parse.YamlSequence;
import runbook.parse.YamlValues;

/** Reads a variant's {@code patch:} list. The steps inside are checked later, as part of the resolved playbook. */
final class PatchReader {
  /** Each operation key and the key that carries its content (none for {@code remove}). */
  static final Map<String, String> OPERATIONS =
      Map.of("before", "steps", "after", "steps", "replace", "with", "remove", "", "update", "set");
  static final List<String> ORDER = List.of("before", "after", "replace", "remove", "update");
  private static final List<String> ALL_KEYS =
      List.of("before", "after", "replace", "remove", "update", "steps", "with", "set");

  private PatchReader() {}

  static List<Patch> read(YamlNode node, Diagnostics d) {
    List<Patch> out = new ArrayList<>();
    YamlSequence list = YamlValues.sequence(node, d, "`patch`");
    if (list == null) {
      return out;
    }
    for (YamlNode item : list.items()) {
      YamlMapping map = YamlValues.mapping(item, d, "a patch");
      Patch p = map == null ? null : patch(map, d);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private static Patch patch(YamlMapping map, Diagnostics d) {
    List<YamlMapping.Entry> ops = map.entries().stream().filter(e -> OPERATIONS.containsKey(e.keyText())).toList();
    if (ops.isEmpty()) {
      d.error(VariantRule.BAD_PATCH, map.span(),
          "a patch needs one operation: " + String.join(", ", ORDER),
          "for example `- remove: <step id>`");
      return null;
    }
    if (ops.size() > 1) {
      d.error(VariantRule.BAD_PATCH, ops.get(1).key().span(),
          "a patch has one operation, found `" + ops.get(0).keyText() + "` and `" + ops.get(1).keyText() + "`",
          "write two patches: they apply in order");
      return null;
    }
    String op = ops.get(0).keyText();
    String content = OPERATIONS.get(op);
    List<String> known = content.isEmpty() ? List.of(op) : List.of(op, content);
    MappingReader m = new MappingReader(map, d, (op.startsWith("a") || op.startsWith("u") ? "an `" : "a `") + op + "` patch",
        known, ALL_KEYS);
    YamlScalar id = YamlValues.scalar(m.node(op), d, "`" + op + "`", "a step id");
    Ref target = id == null ? null : new Ref(id.value(), id.valueSpan());
    switch (op) {
      case "before", "after" -> {
        YamlNode stepsNode = m.required("steps");
        YamlSequence steps = stepsNode == null ? null : YamlValues.sequence(stepsNode, d, "`steps`");
        if (steps != null && steps.items().isEmpty()) {
          d.error(ParseRule.EMPTY_LIST, steps.span(), "`steps` of a patch must hold at least one step");
          return null;
        }
        return target == null || steps == null ? null : new Patch.Insert(target, op.equals("after"), steps);
      }
      case "replace" -> {
        YamlNode withNode = m.required("with");
        YamlMapping with = withNode == null ? null : YamlValues.mapping(withNode, d, "`with` (the new step)");
        return target == null || with == null ? null : new Patch.Replace(target, with);
      }
      case "update" -> {
        YamlNode setNode = m.required("set");
        YamlMapping set = setNode == null ? null : YamlValues.mapping(setNode, d, "`set`");
        if (set != null && set.entries().isEmpty()) {
          d.error(ParseRule.EMPTY_LIST, set.span(), "`set` changes nothing", "give the step keys to change");
          return null;
        }
        return target == null || set == null ? null : new Patch.Update(target, set);
      }
      default -> {
        return target == null ? null : new Patch.Remove(target);
      }
    }
  }
}
