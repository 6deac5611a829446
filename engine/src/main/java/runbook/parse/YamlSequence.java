package runbook.parse;

import java.util.List;
import java.util.Objects;
import runbook.model.SourceSpan;

/** A YAML sequence (block {@code - a} or flow {@code [a, b]}). */
public record YamlSequence(List<YamlNode> items, SourceSpan span) implements YamlNode {
  public YamlSequence {
    items = List.copyOf(items);
    Objects.requireNonNull(span, "span");
  }

  @Override
  public String describe() {
    return "a list";
  }
}
