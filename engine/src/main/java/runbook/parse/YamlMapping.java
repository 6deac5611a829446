package runbook.parse;

import java.util.List;
import java.util.Objects;
import runbook.model.SourceSpan;

/** A YAML mapping, its entries in file order. */
public record YamlMapping(List<Entry> entries, SourceSpan span) implements YamlNode {
  /** One {@code key: value} pair; {@code key} is usually a scalar. */
  public record Entry(YamlNode key, YamlNode value) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    /** The key's text, or null when the key is not a scalar. */
    public String keyText() {
      return key instanceof YamlScalar s ? s.value() : null;
    }
  }

  public YamlMapping {
    entries = List.copyOf(entries);
    Objects.requireNonNull(span, "span");
  }

  /** The first entry with this key (a duplicate is an error reported elsewhere), or null. */
  public Entry entry(String key) {
    for (Entry e : entries) {
      if (key.equals(e.keyText())) {
        return e;
      }
    }
    return null;
  }

  @Override
  public String describe() {
    return "a mapping";
  }
}
