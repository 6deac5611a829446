package runbook.model;

import java.util.List;
import java.util.Objects;

/**
 * A parameter the operator may set with {@code --set} or {@code --params}.
 *
 * @param name the name, which shares one namespace with vars and step ids
 * @param description what it is, for {@code doc} and {@code --help}; may be null
 * @param defaultValue the default as written; null means the parameter is required
 * @param type how the value is checked and converted
 * @param pattern a full-match regular expression; null for none
 * @param choices allowed values; empty for any
 * @param secret never printed: masked as {@code ***} in output, journal, report and logs
 * @param under for a {@code path}: the directory the value must stay in; null for anywhere
 * @param span the position of the parameter's key
 */
public record Param(
    String name,
    String description,
    String defaultValue,
    ParamType type,
    String pattern,
    List<String> choices,
    boolean secret,
    String under,
    SourceSpan span) {
  public Param {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(span, "span");
    choices = List.copyOf(choices);
  }

  public boolean required() {
    return defaultValue == null;
  }
}
