package runbook.exec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import runbook.diag.Suggestions;
import runbook.model.Param;
import runbook.model.Playbook;
import runbook.units.Sizes;

/**
 * Checks the operator's values against the playbook's params and converts them: {@code int} to
 * Long, {@code bool} to Boolean; {@code string}, {@code size} and {@code path} stay strings (a size
 * is validated here and passed to commands as written, e.g. {@code 4G}; {@code size:bytes()} turns it
 * into a number). Every problem is reported together, before anything runs.
 */
public final class ParamBinder {
  private ParamBinder() {}

  public static Map<String, Object> bind(Playbook playbook, Map<String, String> given) throws UsageException {
    List<String> problems = new ArrayList<>();
    for (String name : given.keySet()) {
      if (!playbook.params().containsKey(name)) {
        problems.add(
            "unknown param `" + name + "`" + didYouMean(name, playbook.params().keySet())
                + (playbook.params().isEmpty() ? " (the playbook has no params)" : " (known: " + String.join(", ", playbook.params().keySet()) + ")"));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : playbook.params().values()) {
      String raw = given.containsKey(p.name()) ? given.get(p.name()) : p.defaultValue();
      String origin = given.containsKey(p.name()) ? "" : " (the default at " + p.span() + ")";
      if (raw == null) {
        problems.add("missing required param `" + p.name() + "`"
            + (p.description() == null ? "" : " (" + p.description().strip() + ")")
            + "; pass --set " + p.name() + "=VALUE");
        continue;
      }
      String problem = check(p, raw);
      if (problem != null) {
        problems.add("param `" + p.name() + "`" + origin + ": " + problem);
        continue;
      }
      values.put(p.name(), convert(p, raw));
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    return values;
  }

  private static String check(Param p, String raw) {
    // checked here, before the first step, rather than when a command, cwd or output-file gets it
    int nul = raw.indexOf('\0');
    if (nul >= 0) {
      return "holds a NUL character (at offset " + nul + "); no command argument, environment variable or path can hold one";
    }
    String shown = p.secret() ? Masker.MASK : "'" + raw + "'";
    switch (p.type()) {
      case INT:
        if (!raw.matches("-?\\d{1,18}")) {
          return "expected an integer, found " + shown;
        }
        break;
      case BOOL:
        if (!raw.equals("true") && !raw.equals("false")) {
          return "expected true or false, found " + shown;
        }
        break;
      case SIZE:
        try {
          Sizes.parseBytes(raw);
        } catch (IllegalArgumentException e) {
          return "expected a size such as 4096, 512m or 4G, found " + shown;
        }
        break;
      case PATH:
        if (raw.isEmpty() || raw.indexOf('\0') >= 0) {
          return "expected a path, found " + (raw.isEmpty() ? "an empty value" : shown);
        }
        break;
      default:
        break;
    }
    if (!p.choices().isEmpty() && !p.choices().contains(raw)) {
      return "expected one of " + String.join(", ", p.choices()) + ", found " + shown + didYouMean(raw, p.choices());
    }
    if (p.pattern() != null) {
      try {
        if (!Pattern.compile(p.pattern()).matcher(raw).matches()) {
          return shown + " does not match the pattern `" + p.pattern() + "`";
        }
      } catch (PatternSyntaxException e) {
        return "the pattern `" + p.pattern() + "` at " + p.span() + " is not a valid regex: " + e.getDescription();
      }
    }
    return null;
  }

  private static Object convert(Param p, String raw) {
    switch (p.type()) {
      case INT:
        return Long.parseLong(raw);
      case BOOL:
        return Boolean.parseBoolean(raw);
      default:
        return raw;
    }
  }

  /** {@code "; did you mean `x`?"} when a known name is close, else nothing. */
  private static String didYouMean(String typed, Collection<String> known) {
    String hint = Suggestions.didYouMean(typed, known);
    return hint == null ? "" : "; " + hint;
  }
}
