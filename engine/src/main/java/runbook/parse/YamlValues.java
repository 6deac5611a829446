package runbook.parse;

import java.util.ArrayList;
import java.util.List;
import runbook.diag.Diagnostics;
import runbook.model.Expr;
import runbook.model.SourceSpan;
import runbook.model.Template;
import runbook.model.TimeSpan;
import runbook.units.Sizes;

/**
 * Typed reads of single nodes. Each method reports a diagnostic and returns null (or an empty list)
 * when the node is not what is expected, so a reader can go on and find every other problem.
 * {@code what} names the value in messages, e.g. {@code "`timeout`"}.
 */
public final class YamlValues {
  private YamlValues() {}

  /** Any non-null scalar, as text (a plain {@code 4} is the string "4"). */
  public static String string(YamlNode node, Diagnostics d, String what) {
    YamlScalar s = scalar(node, d, what, "a string");
    return s == null ? null : s.value();
  }

  /** A string that may hold {@code ${...}}, positioned at its first character. */
  public static Template template(YamlNode node, Diagnostics d, String what) {
    YamlScalar s = scalar(node, d, what, "a string");
    return s == null ? null : new Template(s.value(), s.valueSpan());
  }

  /** An expression, positioned at its first character so that expression errors land in the file. */
  public static Expr expr(YamlNode node, Diagnostics d, String what) {
    YamlScalar s = scalar(node, d, what, "an expression");
    return s == null ? null : new Expr(s.value(), s.valueSpan());
  }

  /** A plain integer that fits an int. */
  public static Integer integer(YamlNode node, Diagnostics d, String what) {
    if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.INT) {
      try {
        return Integer.valueOf(s.value().replace("+", ""));
      } catch (NumberFormatException e) {
        d.error(ParseRule.BAD_VALUE, s.span(), what + " is out of range: " + s.describe());
        return null;
      }
    }
    wrongTypeUnquote(node, d, what, "an integer", "-?[0-9]+");
    return null;
  }

  /** A plain {@code true} or {@code false}. */
  public static Boolean bool(YamlNode node, Diagnostics d, String what) {
    if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.BOOL) {
      return Boolean.valueOf(s.value().toLowerCase(java.util.Locale.ROOT));
    }
    wrongTypeUnquote(node, d, what, "true or false", "true|false");
    return null;
  }

  /** A quoted {@code "1"} is a string in YAML: say so, since the value itself looks right. */
  private static void wrongTypeUnquote(YamlNode node, Diagnostics d, String what, String expected, String looksRight) {
    if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING && s.value().matches(looksRight)) {
      d.error(ParseRule.WRONG_TYPE, s.valueSpan(), what + " must be " + expected + ", found the string " + s.describe(),
          "remove the quotes");
      return;
    }
    wrongType(node, d, what, expected);
  }

  /** A duration such as {@code 90s}. */
  public static TimeSpan duration(YamlNode node, Diagnostics d, String what) {
    YamlScalar s = scalar(node, d, what, "a duration like 90s");
    if (s == null) {
      return null;
    }
    try {
      return new TimeSpan(Durations.parse(s.value()), s.value(), s.valueSpan());
    } catch (IllegalArgumentException e) {
      d.error(ParseRule.BAD_DURATION, s.valueSpan(), what + ": " + e.getMessage());
      return null;
    }
  }

  /** A byte size such as {@code 8MiB}, in bytes. */
  public static Long size(YamlNode node, Diagnostics d, String what) {
    YamlScalar s = scalar(node, d, what, "a size like 8MiB");
    if (s == null) {
      return null;
    }
    try {
      return Sizes.parseBytes(s.value());
    } catch (IllegalArgumentException e) {
      d.error(ParseRule.BAD_SIZE, s.valueSpan(), what + ": " + e.getMessage());
      return null;
    }
  }

  /** A mapping, or null after reporting what was found instead. */
  public static YamlMapping mapping(YamlNode node, Diagnostics d, String what) {
    if (node instanceof YamlMapping m) {
      return m;
    }
    wrongType(node, d, what, "a mapping");
    return null;
  }

  /** A list, or null after reporting what was found instead. */
  public static YamlSequence sequence(YamlNode node, Diagnostics d, String what) {
    if (node instanceof YamlSequence s) {
      return s;
    }
    wrongType(node, d, what, "a list");
    return null;
  }

  /** One string or a list of strings ({@code contains: x} or {@code contains: [x, y]}). */
  public static List<Template> templates(YamlNode node, Diagnostics d, String what) {
    List<Template> out = new ArrayList<>();
    if (node instanceof YamlSequence seq) {
      for (YamlNode item : seq.items()) {
        Template t = template(item, d, "each element of " + what);
        if (t != null) {
          out.add(t);
        }
      }
    } else if (node instanceof YamlScalar s && s.type() != YamlScalar.Type.NULL) {
      out.add(new Template(s.value(), s.valueSpan()));
    } else {
      wrongType(node, d, what, "a string or a list of strings");
    }
    return out;
  }

  /** A non-null scalar of any type, or null after reporting what was found instead. */
  public static YamlScalar scalar(YamlNode node, Diagnostics d, String what, String expected) {
    if (node instanceof YamlScalar s && s.type() != YamlScalar.Type.NULL) {
      return s;
    }
    wrongType(node, d, what, expected);
    return null;
  }

  /** Reports that {@code node} is not {@code expected}. */
  public static void wrongType(YamlNode node, Diagnostics d, String what, String expected) {
    SourceSpan at = node instanceof YamlScalar s ? s.valueSpan() : node.span();
    d.error(ParseRule.WRONG_TYPE, at, what + " must be " + expected + ", found " + node.describe());
  }
}
