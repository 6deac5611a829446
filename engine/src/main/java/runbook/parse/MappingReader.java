package runbook.parse;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import runbook.diag.Diagnostics;
import runbook.diag.Suggestions;
import runbook.model.Expr;
import runbook.model.SourceSpan;
import runbook.model.Template;
import runbook.model.TimeSpan;

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

  /** The value of {@code key}; when absent, reports it missing and returns null. */
  public YamlNode required(String key) {
    YamlNode n = node(key);
    if (n == null) {
      diagnostics.error(ParseRule.MISSING_KEY, map.span(), "missing required key `" + key + "` in " + context);
    }
    return n;
  }

  public String string(String key) {
    YamlNode n = node(key);
    return n == null ? null : YamlValues.string(n, diagnostics, name(key));
  }

  public String requiredString(String key) {
    YamlNode n = required(key);
    return n == null ? null : YamlValues.string(n, diagnostics, name(key));
  }

  public Template template(String key) {
    YamlNode n = node(key);
    return n == null ? null : YamlValues.template(n, diagnostics, name(key));
  }

  public Template requiredTemplate(String key) {
    YamlNode n = required(key);
    return n == null ? null : YamlValues.template(n, diagnostics, name(key));
  }

  public Expr expr(String key) {
    YamlNode n = node(key);
    return n == null ? null : YamlValues.expr(n, diagnostics, name(key));
  }

  public Expr requiredExpr(String key) {
    YamlNode n = required(key);
    return n == null ? null : YamlValues.expr(n, diagnostics, name(key));
  }

  public Integer integer(String key) {
    YamlNode n = node(key);
    return n == null ? null : YamlValues.integer(n, diagnostics, name(key));
  }

  public Boolean bool(String key) {
    YamlNode n = node(key);
    return n == null ? null : YamlValues.bool(n, diagnostics, name(key));
  }

  public TimeSpan duration(String key) {
    YamlNode n = node(key);
    return n == null ? null : YamlValues.duration(n, diagnostics, name(key));
  }

  public Long size(String key) {
    YamlNode n = node(key);
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
    YamlNode n = node(key);
    return n == null ? List.of() : YamlValues.templates(n, diagnostics, name(key));
  }

  /** The value of {@code key} as one of {@code choices}; a typo gets a did-you-mean. */
  public String choice(String key, List<String> choices) {
    YamlNode n = node(key);
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
