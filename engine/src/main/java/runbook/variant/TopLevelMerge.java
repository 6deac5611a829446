package runbook.variant;

import java.util.ArrayList;
import java.util.List;
import runbook.diag.Diagnostics;
import runbook.diag.Suggestions;
import runbook.parse.ParseRule;
import runbook.parse.MappingReader;
import runbook.parse.YamlMapping;
import runbook.parse.YamlNode;
import runbook.parse.YamlScalar;
import runbook.parse.YamlSequence;
import runbook.parse.YamlValues;

/**
 * The top level of a resolved variant: the variant's own {@code runbook}, {@code name}, {@code title}
 * and (when given) {@code description}; the base's {@code requires}, {@code params}, {@code env} and
 * {@code vars} merged by name with the variant's; the patched steps.
 */
final class TopLevelMerge {
  private final Diagnostics diagnostics;

  TopLevelMerge(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The playbook mapping a parser reads; {@code steps} is the base's steps key with the patched list. */
  YamlMapping merge(YamlMapping base, MappingReader variant, YamlSequence steps) {
    YamlMapping own = variant.mapping();
    List<YamlMapping.Entry> out = new ArrayList<>();
    add(out, own.entry("runbook"));
    add(out, own.entry("name"));
    add(out, own.entry("title"));
    add(out, own.entry("description") != null ? own.entry("description") : base.entry("description"));
    YamlMapping.Entry requires = own.entry("requires");
    YamlMapping.Entry baseRequires = base.entry("requires");
    if (requires != null) {
      YamlSequence b = baseRequires != null && baseRequires.value() instanceof YamlSequence seq ? seq : null;
      out.add(new YamlMapping.Entry(baseRequires != null ? baseRequires.key() : requires.key(),
          requires(b, requires.value())));
    } else {
      add(out, baseRequires);
    }
    add(out, merged("params", base, own, this::params));
    add(out, merged("env", base, own, this::byName));
    add(out, merged("vars", base, own, this::byName));
    YamlMapping.Entry baseSteps = base.entry("steps");
    if (baseSteps != null) {
      out.add(new YamlMapping.Entry(baseSteps.key(), steps));
    }
    return new YamlMapping(out, own.span());
  }

  /** Folds a variant's value into the base's; both are present. */
  private interface Merger {
    YamlNode merge(String key, YamlNode base, YamlNode variant);
  }

  private static YamlMapping.Entry merged(String key, YamlMapping base, YamlMapping own, Merger merger) {
    YamlMapping.Entry b = base.entry(key);
    YamlMapping.Entry v = own.entry(key);
    if (v == null) {
      return b;
    }
    if (b == null) {
      // merged onto nothing, so that a `~` the base cannot answer is reported like any other
      if (!(v.value() instanceof YamlMapping)) {
        return v;
      }
      YamlNode value = merger.merge(key, new YamlMapping(List.of(), v.value().span()), v.value());
      return value == null ? v : new YamlMapping.Entry(v.key(), value);
    }
    YamlNode value = merger.merge(key, b.value(), v.value());
    return value == null ? b : new YamlMapping.Entry(b.key(), value);
  }

  private static void add(List<YamlMapping.Entry> out, YamlMapping.Entry e) {
    if (e != null) {
      out.add(e);
    }
  }

  /**
   * The base's programs, then the variant's that the base does not list. A variant may also give a
   * mapping: {@code name: true} adds a program, {@code name: ~} removes one that its steps no longer run.
   */
  private YamlSequence requires(YamlSequence base, YamlNode variant) {
    List<YamlNode> items = new ArrayList<>(base == null ? List.of() : base.items());
    if (variant instanceof YamlMapping changes) {
      for (YamlMapping.Entry e : changes.entries()) {
        if (isNull(e.value())) {
          if (!items.removeIf(item -> item instanceof YamlScalar s && s.value().equals(e.keyText()))) {
            absent(e, "program", "`requires`", programs(base));
          }
        } else if (e.value() instanceof YamlScalar s && s.type() == YamlScalar.Type.BOOL && s.value().equals("true")) {
          addProgram(items, e.key());
        } else {
          diagnostics.error(ParseRule.WRONG_TYPE, e.value().span(),
              "in a variant's `requires` mapping, `" + e.keyText() + "` must be true (add the program) or ~ (remove it), found "
                  + e.value().describe());
        }
      }
    } else {
      YamlSequence v = YamlValues.sequence(variant, diagnostics, "`requires`");
      if (v == null) {
        return base;
      }
      v.items().forEach(item -> addProgram(items, item));
    }
    return new YamlSequence(items, base == null ? variant.span() : base.span());
  }

  private static List<String> programs(YamlSequence base) {
    List<String> out = new ArrayList<>();
    if (base != null) {
      base.items().forEach(i -> out.add(i instanceof YamlScalar s ? s.value() : null));
    }
    out.removeIf(java.util.Objects::isNull);
    return out;
  }

  /**
   * A {@code ~} that removes nothing: the name is misspelt, or the base no longer has it. Either way
   * what the variant meant to take out is still there, so it is an error, not a no-op.
   */
  private void absent(YamlMapping.Entry e, String what, String where, List<String> known) {
    String close = e.keyText() == null ? null : Suggestions.didYouMean(e.keyText(), known);
    diagnostics.error(VariantRule.UNKNOWN_REMOVAL, e.key().span(),
        "`" + e.keyText() + ": ~` removes nothing: the base's " + where + " has no " + what + " `" + e.keyText() + "`"
            + (known.isEmpty() ? "" : " (it has " + String.join(", ", known) + ")"),
        close != null ? close : "remove this line, or name " + (known.isEmpty() ? "what the base has" : "one the base has"));
  }

  private static List<String> names(List<YamlMapping.Entry> entries) {
    List<String> out = new ArrayList<>();
    entries.forEach(e -> {
      if (e.keyText() != null) {
        out.add(e.keyText());
      }
    });
    return out;
  }

  private static void addProgram(List<YamlNode> items, YamlNode program) {
    boolean listed = program instanceof YamlScalar p
        && items.stream().anyMatch(item -> item instanceof YamlScalar s && s.value().equals(p.value()));
    if (!listed) {
      items.add(program);
    }
  }

  /**
   * {@code env} and {@code vars}: a variant's entry replaces the base's of the same name, or is added;
   * {@code name: ~} removes the base's (a var that reads a step the variant removed).
   */
  private YamlNode byName(String key, YamlNode base, YamlNode variant) {
    YamlMapping b = YamlValues.mapping(base, diagnostics, "`" + key + "`");
    YamlMapping v = YamlValues.mapping(variant, diagnostics, "`" + key + "`");
    if (b == null || v == null) {
      return null;
    }
    List<YamlMapping.Entry> out = new ArrayList<>(b.entries());
    for (YamlMapping.Entry e : v.entries()) {
      if (isNull(e.value())) {
        int at = indexOf(out, e.keyText());
        if (at >= 0) {
          out.remove(at);
        } else {
          absent(e, key.equals("vars") ? "var" : "variable", "`" + key + "`", names(b.entries()));
        }
      } else {
        put(out, e);
      }
    }
    return new YamlMapping(out, b.span());
  }

  /**
   * A variant's param of a new name is declared as in any playbook; one the base declares is changed
   * key by key ({@code vg: {default: vmdata}}), a key set to {@code ~} removes the base's.
   */
  private YamlNode params(String key, YamlNode base, YamlNode variant) {
    YamlMapping b = YamlValues.mapping(base, diagnostics, "`params`");
    YamlMapping v = YamlValues.mapping(variant, diagnostics, "`params`");
    if (b == null || v == null) {
      return null;
    }
    List<YamlMapping.Entry> out = new ArrayList<>(b.entries());
    for (YamlMapping.Entry e : v.entries()) {
      int at = indexOf(out, e.keyText());
      if (at < 0) {
        out.add(e);
        continue;
      }
      YamlMapping.Entry declared = out.get(at);
      if (!(e.value() instanceof YamlMapping changes)) {
        diagnostics.error(VariantRule.PARAM_OVERRIDE, e.value().span(),
            "param `" + e.keyText() + "` is declared by the base (" + declared.key().span()
                + "); a variant changes it with a mapping of the keys to change, found " + e.value().describe(),
            "for example `" + e.keyText() + ": {default: ...}`");
        continue;
      }
      List<YamlMapping.Entry> keys = declared.value() instanceof YamlMapping m ? new ArrayList<>(m.entries()) : new ArrayList<>();
      for (YamlMapping.Entry change : changes.entries()) {
        if (isNull(change.value())) {
          int old = indexOf(keys, change.keyText());
          if (old >= 0) {
            keys.remove(old);
          } else {
            absent(change, "key", "param `" + e.keyText() + "`", names(keys));
          }
        } else {
          put(keys, change);
        }
      }
      YamlNode value = new YamlMapping(keys, declared.value() instanceof YamlMapping m ? m.span() : changes.span());
      out.set(at, new YamlMapping.Entry(declared.key(), value));
    }
    return new YamlMapping(out, b.span());
  }

  private static boolean isNull(YamlNode node) {
    return node instanceof YamlScalar s && s.type() == YamlScalar.Type.NULL;
  }

  private static void put(List<YamlMapping.Entry> entries, YamlMapping.Entry e) {
    int at = indexOf(entries, e.keyText());
    if (at >= 0) {
      entries.set(at, e);
    } else {
      entries.add(e);
    }
  }

  private static int indexOf(List<YamlMapping.Entry> entries, String key) {
    for (int i = 0; i < entries.size(); i++) {
      if (key != null && key.equals(entries.get(i).keyText())) {
        return i;
      }
    }
    return -1;
  }
}
