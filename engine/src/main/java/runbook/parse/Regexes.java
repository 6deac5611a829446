package runbook.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Playbook regexes in Java. Java group names allow only letters and digits, but playbooks name
 * groups like variables ({@code (?<meta_used>\d+)} becomes {@code <id>.match.meta_used}); so each
 * named group gets a Java-safe name and {@link #groups} maps the playbook's names to them.
 */
public final class Regexes {
  private static final Pattern NAMED = Pattern.compile("(\\(\\?<|\\\\k<)([A-Za-z_][A-Za-z0-9_]*)>");

  private Regexes() {}

  /**
   * Compiles {@code regex} with its group names made Java-safe.
   *
   * @throws PatternSyntaxException as {@link Pattern#compile(String, int)} does
   */
  public static Pattern compile(String regex, int flags) {
    Map<String, String> groups = groups(regex);
    Matcher m = NAMED.matcher(regex);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + groups.get(m.group(2)) + ">"));
    }
    m.appendTail(out);
    return Pattern.compile(out.toString(), flags);
  }

  /** Each group name as written, in order, to its name in the compiled pattern. */
  public static Map<String, String> groups(String regex) {
    Map<String, String> groups = new LinkedHashMap<>();
    Matcher m = NAMED.matcher(regex);
    while (m.find()) {
      if (m.group(1).startsWith("(")) {
        groups.putIfAbsent(m.group(2), "g" + (groups.size() + 1) + m.group(2).replace("_", ""));
      }
    }
    return groups;
  }
}
