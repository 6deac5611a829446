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
import runbook.model.ParamType;
import runbook.model.Playbook;
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

  private void playbook(Playbook p) {
    out.comment("resolved from " + String.join(", ", p.sources()));
    out.raw("runbook", String.valueOf(p.version()));
    out.string("name", p.name());
    out.string("title", p.title());
    out.string("description", p.description());
    if (!p.requires().isEmpty()) {
      out.strings("requires", p.requires().stream().map(Ref::id).toList());
    }
    if (!p.params().isEmpty()) {
      out.open("params");
      p.params().values().forEach(this::param);
      out.close();
    }
    templates("env", p.env());
    templates("vars", p.vars());
    steps("steps", p.steps());
  }

  private void param(Param p) {
    if (p.description() == null && p.defaultValue() == null && p.type() == ParamType.STRING && p.pattern() == null
        && p.choices().isEmpty() && !p.secret()) {
      out.raw(p.name(), "{}");
      return;
    }
    out.open(p.name());
    out.string("description", p.description());
    if (p.type() != ParamType.STRING) {
      out.raw("type", p.type().key());
    }
    out.string("default", p.defaultValue());
    out.string("pattern", p.pattern());
    if (!p.choices().isEmpty()) {
      out.strings("choices", p.choices());
    }
    if (p.secret()) {
      out.raw("secret", "true");
    }
    out.string("under", p.under());
    out.close();
  }

  private void templates(String key, Map<String, Template> values) {
    if (values.isEmpty()) {
      return;
    }
    out.open(key);
    values.forEach((name, t) -> out.string(name, t.text()));
    out.close();
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
    if (v == null || v instanceof List<?> l && l.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty()) {
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
      default -> throw new IllegalStateException("render cannot write a " + k.type().kind() + " value");
    }
  }
}
