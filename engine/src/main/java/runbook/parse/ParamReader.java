package runbook.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import runbook.diag.Diagnostics;
import runbook.model.Param;
import runbook.model.PlaybookKeys;
import runbook.model.ParamType;
import runbook.units.Sizes;

/** {@code params:}: each parameter's type, default, pattern, choices and secrecy. */
final class ParamReader {

  private final Diagnostics d;

  ParamReader(Diagnostics d) {
    this.d = d;
  }

  /** The params in file order. */
  Map<String, Param> read(YamlNode node) {
    Map<String, Param> out = new LinkedHashMap<>();
    YamlMapping map = YamlValues.mapping(node, d, "`params`");
    if (map == null) {
      return out;
    }
    for (YamlMapping.Entry e : map.entries()) {
      String name = YamlValues.string(e.key(), d, "a parameter name");
      if (name == null) {
        continue;
      }
      if (!Names.VALUE_NAME.matcher(name).matches()) {
        d.error(ParseRule.BAD_NAME, e.key().span(), "parameter name `" + name + "` is not an identifier",
            "use letters, digits and _, starting with a letter; expressions read it by this name");
      }
      Param p = param(name, e);
      if (p != null) {
        out.putIfAbsent(name, p);
      }
    }
    return out;
  }

  private Param param(String name, YamlMapping.Entry e) {
    String context = "param `" + name + "`";
    if (e.value() instanceof YamlScalar s && s.type() == YamlScalar.Type.NULL) {
      // `name:` alone declares a required string parameter
      return new Param(name, null, null, ParamType.STRING, null, List.of(), false, null, e.key().span());
    }
    MappingReader m = MappingReader.described(e.value(), d, context, PlaybookKeys.PARAM);
    if (m == null) {
      return null;
    }
    String description = m.string("description");
    ParamType type = type(m.choice("type"));
    Pattern pattern = pattern(m);
    List<String> choices = choices(m);
    boolean secret = Boolean.TRUE.equals(m.bool("secret"));
    String under = m.string("under");
    if (under != null && type != ParamType.PATH) {
      d.error(ParseRule.CONFLICTING_KEYS, m.keySpan("under"), "`under` goes with `type: path`", "add `type: path`, or drop `under`");
      under = null;
    } else if (under != null && !under.startsWith("/")) {
      d.error(ParseRule.BAD_VALUE, m.keySpan("under"), "`under` must be an absolute directory, found '" + under + "'");
      under = null;
    }
    String defaultValue = null;
    YamlNode defaultNode = m.node("default");
    if (defaultNode != null) {
      YamlScalar s = YamlValues.scalar(defaultNode, d, "`default`", "a value (leave `default` out to make the parameter required)");
      if (s != null) {
        defaultValue = s.value();
        checkDefault(s, type, pattern, choices, under);
      }
    }
    return new Param(name, description, defaultValue, type, pattern == null ? null : pattern.pattern(), choices,
        secret, under, e.key().span());
  }

  private Pattern pattern(MappingReader m) {
    YamlNode node = m.node("pattern");
    if (node == null) {
      return null;
    }
    YamlScalar s = YamlValues.scalar(node, d, "`pattern`", "a regular expression");
    if (s == null) {
      return null;
    }
    try {
      return Pattern.compile(s.value());
    } catch (PatternSyntaxException ex) {
      d.error(ParseRule.BAD_PATTERN, s.valueSpan(), "regular expression does not compile: "
          + ex.getDescription() + " near index " + ex.getIndex(), "in YAML, single-quote a regex so that \\ stays as is");
      return null;
    }
  }

  private List<String> choices(MappingReader m) {
    YamlSequence seq = m.sequence("choices");
    List<String> out = new ArrayList<>();
    if (seq == null) {
      return out;
    }
    if (seq.items().isEmpty()) {
      d.error(ParseRule.EMPTY_LIST, seq.span(), "`choices` must list at least one value");
    }
    for (YamlNode item : seq.items()) {
      String c = YamlValues.string(item, d, "each element of `choices`");
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /** A default that its own parameter would reject fails every run that relies on it: report it now. */
  private void checkDefault(YamlScalar s, ParamType type, Pattern pattern, List<String> choices, String under) {
    String value = s.value();
    String problem = typeProblem(value, type);
    if (problem == null) {
      problem = ParamType.guardProblem(type, value, under);
    }
    if (problem == null && pattern != null && !pattern.matcher(value).matches()) {
      problem = "does not match the pattern " + pattern.pattern();
    }
    if (problem == null && !choices.isEmpty() && !choices.contains(value)) {
      problem = "is not one of the choices " + String.join(", ", choices);
    }
    if (problem != null) {
      d.error(ParseRule.BAD_DEFAULT, s.valueSpan(), "default " + s.describe() + " " + problem);
    }
  }

  private static String typeProblem(String value, ParamType type) {
    switch (type) {
      case INT -> {
        try {
          Long.parseLong(value);
          return null;
        } catch (NumberFormatException e) {
          return "is not an int";
        }
      }
      case BOOL -> {
        return value.equals("true") || value.equals("false") ? null : "is not a bool (true or false)";
      }
      case SIZE -> {
        try {
          Sizes.parseBytes(value);
          return null;
        } catch (IllegalArgumentException e) {
          return "is not a size like 4G or 512MiB";
        }
      }
      case PATH -> {
        return value.isEmpty() ? "is not a path: it is empty" : null;
      }
      default -> {
        return null;
      }
    }
  }

  private static ParamType type(String key) {
    for (ParamType t : ParamType.values()) {
      if (t.key().equals(key)) {
        return t;
      }
    }
    return ParamType.STRING;
  }
}
