package runbook.parse;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import runbook.diag.Diagnostics;
import runbook.diag.Suggestions;
import runbook.model.Actions;
import runbook.model.Expr;
import runbook.model.KeySpec;
import runbook.model.SourceSpan;
import runbook.model.Template;
import runbook.model.TimeSpan;
import runbook.model.ValueType;

/**
 * Reads the keys of one YAML mapping by type, recording a diagnostic for every key that is unknown
 * (with a did-you-mean), missing when required, or of the wrong type, and going on after each. A
 * read of an absent optional key returns null; a failed read also returns null, its problem
 * recorded. Duplicate keys are reported by {@link YamlDocument}; reads see the first occurrence.
 *
 * <pre>
 * MappingReader m = MappingReader.of(node, diagnostics, "a step", List.of("id", "title", "when"));
 * if (m != null) {
 *   String id = m.requiredString("id");
 *   Expr when = m.expr("when");
 * }
 * </pre>
 */
public final class MappingReader {
  private final YamlMapping map;
  private final Diagnostics diagnostics;
  private final String context;
  private final Set<String> known;
  /** The descriptors of the keys, by name, when the mapping is read from them; empty otherwise. */
  private final Map<String, KeySpec> specs;

  /**
   * Checks every key of {@code map} against {@code known} at once.
   *
   * @param context names the mapping in messages: "a step", "the playbook", "param `vg`"
   * @param known the keys this mapping accepts
   * @param vocabulary the words a misspelt key is compared with (usually a superset of {@code known},
   *     so that a key that belongs elsewhere is still recognised)
   */
  public MappingReader(YamlMapping map, Diagnostics diagnostics, String context,
      Collection<String> known, Collection<String> vocabulary) {
    this.map = map;
    this.diagnostics = diagnostics;
    this.context = context;
    this.known = new LinkedHashSet<>(known);
    this.specs = Map.of();
    checkKeys(vocabulary);
  }

  /**
   * A reader of a mapping described by {@code keys} (with an inline command's options): the keys it
   * accepts, which of them are required (each missing one is reported here, once), and how each
   * is read are the descriptors'; reading a key as another kind of value than its descriptor says is a
   * defect that {@code DescriptorSourceTest} finds.
   *
   * @param alsoKnown keys accepted besides the described ones (a step's action keys), read raw
   * @param vocabulary as in the other constructor
   */
  public MappingReader(YamlMapping map, Diagnostics diagnostics, String context, List<KeySpec> keys,
      Collection<String> alsoKnown, Collection<String> vocabulary) {
    this.map = map;
    this.diagnostics = diagnostics;
    this.context = context;
    Map<String, KeySpec> byName = new LinkedHashMap<>();
    for (KeySpec k : keys) {
      byName.put(k.name(), k);
      if (k.type().kind() == ValueType.Kind.INLINE_COMMAND) {
        Actions.COMMAND.subList(1, Actions.COMMAND.size()).forEach(c -> byName.put(c.name(), c));
      }
    }
    this.specs = byName;
    this.known = new LinkedHashSet<>(alsoKnown);
    this.known.addAll(Actions.accepted(keys));
    checkKeys(vocabulary);
    for (KeySpec k : keys) {
      if (k.required() && map.entry(k.name()) == null) {
        missing(k.name());
      }
    }
  }

  /** A described reader over {@code node} when it is a mapping; otherwise reports a wrong type and returns null. */
  public static MappingReader described(YamlNode node, Diagnostics diagnostics, String context, List<KeySpec> keys) {
    YamlMapping m = YamlValues.mapping(node, diagnostics, context);
    return m == null ? null : new MappingReader(m, diagnostics, context, keys, List.of(), Actions.accepted(keys));
  }

  private void missing(String key) {
    diagnostics.error(ParseRule.MISSING_KEY, map.span(), "missing required key `" + key + "` in " + context);
  }

  private void checkKeys(Collection<String> vocabulary) {
    for (YamlMapping.Entry e : map.entries()) {
      String key = e.keyText();
      if (key == null) {
        diagnostics.error(ParseRule.WRONG_TYPE, e.key().span(),
            "a key in " + context + " must be a string, found " + e.key().describe());
      } else if (vocabulary.contains(key) && !this.known.contains(key)) {
        diagnostics.error(ParseRule.UNKNOWN_KEY, e.key().span(),
            "key `" + key + "` does not apply to " + context, "expected one of: " + String.join(", ", this.known));
      } else if (!this.known.contains(key)) {
        String hint = this.known.contains(Suggestions.closest(key, vocabulary))
            ? Suggestions.hint(key, vocabulary)
            : "expected one of: " + String.join(", ", this.known);
        diagnostics.error(ParseRule.UNKNOWN_KEY, e.key().span(),
            "unknown key `" + key + "` in " + context, hint);
      }
    }
  }

  /** A reader over {@code node} when it is a mapping; otherwise reports a wrong type and returns null. */
  public static MappingReader of(YamlNode node, Diagnostics diagnostics, String context, Collection<String> known) {
    YamlMapping m = YamlValues.mapping(node, diagnostics, context);
    return m == null ? null : new MappingReader(m, diagnostics, context, known, known);
  }

  public YamlMapping mapping() {
    return map;
  }

  public SourceSpan span() {
    return map.span();
  }

  public Diagnostics diagnostics() {
    return diagnostics;
  }

  public boolean has(String key) {
    return map.entry(checked(key)) != null;
  }

  /** The value of {@code key}, or null when absent. */
  public YamlNode node(String key) {
    YamlMapping.Entry e = map.entry(checked(key));
    return e == null ? null : e.value();
  }

  /** Where {@code key} itself stands, or the mapping's span when it is absent. */
  public SourceSpan keySpan(String key) {
    YamlMapping.Entry e = map.entry(checked(key));
    return e == null ? map.span() : e.key().span();
  }

  /**
   * The value of {@code key}; when absent, reports it missing and returns null. A key whose
   * descriptor says it is required was reported when the mapping was opened.
   */
  public YamlNode required(String key) {
    YamlNode n = node(key);
    if (n == null && !(specs.containsKey(key) && specs.get(key).required())) {
      missing(key);
    }
    return n;
  }

  /**
   * The value of a described key read as one of {@code kinds}: a parser that reads a key as another
   * kind than its descriptor says is a defect, found by the test that reads every described key.
   */
  private YamlNode typed(String key, ValueType.Kind... kinds) {
    KeySpec k = specs.get(key);
    if (k != null && !List.of(kinds).contains(k.type().kind())) {
      throw new IllegalStateException("the parser reads `" + key + "` in " + context + " as " + List.of(kinds)
          + ", its descriptor says " + k.type().kind());
    }
    return node(key);
  }

  public String string(String key) {
    YamlNode n = typed(key, ValueType.Kind.TEXT, ValueType.Kind.NAME, ValueType.Kind.STEP_ID);
    return n == null ? null : YamlValues.string(n, diagnostics, name(key));
  }

  public String requiredString(String key) {
    YamlNode n = typed(key, ValueType.Kind.TEXT, ValueType.Kind.NAME, ValueType.Kind.STEP_ID) == null ? required(key) : node(key);
    return n == null ? null : YamlValues.string(n, diagnostics, name(key));
  }

  public Template template(String key) {
    YamlNode n = typed(key, ValueType.Kind.TEMPLATE, ValueType.Kind.TEXT);
    return n == null ? null : YamlValues.template(n, diagnostics, name(key));
  }

  public Template requiredTemplate(String key) {
    YamlNode n = typed(key, ValueType.Kind.TEMPLATE, ValueType.Kind.TEXT) == null ? required(key) : node(key);
    return n == null ? null : YamlValues.template(n, diagnostics, name(key));
  }

  public Expr expr(String key) {
    YamlNode n = typed(key, ValueType.Kind.EXPRESSION);
    return n == null ? null : YamlValues.expr(n, diagnostics, name(key));
  }

  public Expr requiredExpr(String key) {
    YamlNode n = typed(key, ValueType.Kind.EXPRESSION) == null ? required(key) : node(key);
    return n == null ? null : YamlValues.expr(n, diagnostics, name(key));
  }

  public Integer integer(String key) {
    YamlNode n = typed(key, ValueType.Kind.COUNT, ValueType.Kind.VERSION);
    return n == null ? null : YamlValues.integer(n, diagnostics, name(key));
  }

  public Boolean bool(String key) {
    YamlNode n = typed(key, ValueType.Kind.BOOL);
    return n == null ? null : YamlValues.bool(n, diagnostics, name(key));
  }

  public TimeSpan duration(String key) {
    YamlNode n = typed(key, ValueType.Kind.DURATION);
    return n == null ? null : YamlValues.duration(n, diagnostics, name(key));
  }

  public Long size(String key) {
    YamlNode n = typed(key, ValueType.Kind.SIZE);
    return n == null ? null : YamlValues.size(n, diagnostics, name(key));
  }

  public YamlMapping mapping(String key) {
    YamlNode n = node(key);
    return n == null ? null : YamlValues.mapping(n, diagnostics, name(key));
  }

  public YamlSequence sequence(String key) {
    YamlNode n = node(key);
    return n == null ? null : YamlValues.sequence(n, diagnostics, name(key));
  }

  /** One string or a list of them; empty when absent. */
  public List<Template> templates(String key) {
    YamlNode n = typed(key, ValueType.Kind.TEMPLATES, ValueType.Kind.PATTERNS);
    return n == null ? List.of() : YamlValues.templates(n, diagnostics, name(key));
  }

  /** The value of a described key as one of its descriptor's choices; a typo gets a did-you-mean. */
  public String choice(String key) {
    KeySpec k = specs.get(key);
    if (k == null) {
      throw new IllegalStateException("`" + key + "` in " + context + " has no descriptor to take its choices from");
    }
    return choice(key, k.type().choices());
  }

  /** The value of {@code key} as one of {@code choices}; a typo gets a did-you-mean. */
  public String choice(String key, List<String> choices) {
    YamlNode n = typed(key, ValueType.Kind.CHOICE);
    if (n == null) {
      return null;
    }
    YamlScalar s = YamlValues.scalar(n, diagnostics, name(key), "one of " + String.join(", ", choices));
    if (s == null) {
      return null;
    }
    if (!choices.contains(s.value())) {
      diagnostics.error(ParseRule.BAD_VALUE, s.valueSpan(),
          name(key) + " must be one of " + String.join(", ", choices) + ", found " + s.describe(),
          Suggestions.hint(s.value(), choices));
      return null;
    }
    return s.value();
  }

  private static String name(String key) {
    return "`" + key + "`";
  }

  private String checked(String key) {
    if (!known.contains(key)) {
      throw new IllegalArgumentException("reading undeclared key " + key + " in " + context);
    }
    return key;
  }
}
