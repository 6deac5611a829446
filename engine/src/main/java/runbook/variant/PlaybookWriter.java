package runbook.variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import runbook.model.ActionSpec;
import runbook.model.Actions;
import runbook.model.ColumnType;
import runbook.model.Expr;
import runbook.model.KeySpec;
import runbook.model.Param;
import runbook.model.Playbook;
import runbook.model.PlaybookKeys;
import runbook.model.Ref;
import runbook.model.Step;
import runbook.model.Template;
import runbook.model.TimeSpan;
import runbook.model.ValueType;

/**
 * A resolved playbook as YAML that reads back as the same playbook: what {@code runbook render}
 * prints. Each step is preceded by {@code # from <file>:<line>}, the place it was written, so that a
 * reader of a variant sees which file to change. Keys that hold their default are left out. Every
 * step key is written from its descriptor ({@link Actions}), in the descriptor's order.
 */
public final class PlaybookWriter {
  private final YamlText out = new YamlText();

  private PlaybookWriter() {}

  public static String write(Playbook p) {
    PlaybookWriter w = new PlaybookWriter();
    w.playbook(p);
    return w.out.toString();
  }

  /** The top level from its descriptors ({@link PlaybookKeys#TOP_LEVEL}), in their order. */
  private void playbook(Playbook p) {
    out.comment("resolved from " + String.join(", ", p.sources()));
    keys(PlaybookKeys.TOP_LEVEL, p);
  }

  /** A param: its keys from {@link PlaybookKeys#PARAM}; {@code {}} when every one holds its default. */
  private void param(Param p, List<KeySpec> keys) {
    if (keys.stream().allMatch(k -> absent(k.valueIn(p)))) {
      out.raw(p.name(), "{}");
      return;
    }
    out.open(p.name());
    keys(keys, p);
    out.close();
  }

  private static boolean absent(Object v) {
    return v == null || v instanceof List<?> l && l.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty();
  }

  private void steps(String key, List<Step> steps) {
    if (steps.isEmpty()) {
      return;
    }
    out.open(key);
    for (Step s : steps) {
      out.comment("from " + s.info().span().file() + ":" + s.info().span().line());
      out.item();
      step(s);
      out.close();
    }
    out.close();
  }

  /**
   * A step's keys in the order of its descriptors: the common keys, then the action, then the common
   * keys that nest steps ({@code on-failure}), so that a step's own keys stay together above them.
   */
  private void step(Step s) {
    List<KeySpec> nesting = new ArrayList<>();
    for (KeySpec k : Actions.COMMON) {
      if (k.type().kind() == ValueType.Kind.STEPS) {
        nesting.add(k);
      } else {
        key(k, s.info());
      }
    }
    ActionSpec a = Actions.of(s);
    Object owner = a.owner().apply(s);
    keys(a.stepKeys(), owner);
    if (!a.bodyKeys().isEmpty()) {
      out.open(a.key());
      keys(a.bodyKeys(), owner);
      out.close();
    }
    keys(nesting, s.info());
  }

  private void keys(List<KeySpec> keys, Object owner) {
    for (KeySpec k : keys) {
      key(k, owner);
    }
  }

  /** One key, written as its kind of value is written; absent or default values are left out. */
  @SuppressWarnings("unchecked")
  private void key(KeySpec k, Object owner) {
    Object v = k.valueIn(owner);
    if (absent(v)) {
      return;
    }
    String name = k.name();
    switch (k.type().kind()) {
      case TEMPLATE -> out.string(name, ((Template) v).text());
      case EXPRESSION -> out.string(name, ((Expr) v).source());
      case STEP_ID -> out.string(name, ((Ref) v).id());
      case BOOL, COUNT, SIZE, CHOICE -> out.raw(name, v.toString());
      case DURATION -> out.string(name, ((TimeSpan) v).text());
      case TEXT -> out.string(name, (String) v);
      case STEPS -> steps(name, (List<Step>) v);
      case TEMPLATES, PATTERNS -> out.strings(name, ((List<Template>) v).stream().map(Template::text).toList());
      // the model keeps a command's env, renames and types unordered: sorted, the output is stable
      case TEMPLATE_MAP -> {
        out.open(name);
        new TreeMap<>((Map<String, Template>) v).forEach((n, t) -> out.string(n, t.text()));
        out.close();
      }
      case COMMAND_LINE -> {
        if (v instanceof Template t) {
          out.string(name, t.text());
        } else {
          out.strings(name, ((List<Template>) v).stream().map(Template::text).toList());
        }
      }
      case INLINE_COMMAND -> keys(Actions.COMMAND, v);
      case EXIT_CODES -> out.raw(name, v.toString());
      case NAMES -> out.strings(name, ((List<Ref>) v).stream().map(Ref::id).toList());
      case COLUMNS -> {
        if (v instanceof List<?> names) {
          out.strings(name, (List<String>) names);
        } else {
          out.open(name);
          new TreeMap<>((Map<String, String>) v).forEach(out::string);
          out.close();
        }
      }
      case COLUMN_NAMES -> out.strings(name, (List<String>) v);
      case COLUMN_TYPES -> {
        out.open(name);
        new TreeMap<>((Map<String, ColumnType>) v).forEach((column, type) -> out.raw(column, type.key()));
        out.close();
      }
      case MAPPING, ONE_OF -> {
        out.open(name);
        keys(k.type().keys(), v);
        out.close();
      }
      case VERSION -> out.raw(name, v.toString());
      case NAME, SCALAR -> out.string(name, (String) v);
      case PROGRAMS -> out.strings(name, ((List<Ref>) v).stream().map(Ref::id).toList());
      case SCALARS -> out.strings(name, (List<String>) v);
      case PARAMS -> {
        out.open(name);
        ((Map<String, Param>) v).values().forEach(p -> param(p, k.type().keys()));
        out.close();
      }
      // a playbook's env and vars keep the file's order
      case VARIABLES -> {
        out.open(name);
        ((Map<String, Template>) v).forEach((n, t) -> out.string(n, t.text()));
        out.close();
      }
    }
  }
}
