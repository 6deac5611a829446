package runbook.expr;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code shell: true} command ready to run: the script, which holds no value, and the values, to
 * be passed in the environment under their names ({@code RUNBOOK_V1}, ...).
 */
public record ShellCommand(String script, Map<String, String> values) {
  private static final Pattern REFERENCE =
      Pattern.compile("'\"\\$\\{(RUNBOOK_S\\d+)\\}\"'|'\"\\$\\{(RUNBOOK_A\\d+)\\}\"\\$'"
          + "|\"\\$\\{(RUNBOOK_Q\\d+)\\}\"|\\$\\{(RUNBOOK_V\\d+)\\}");

  public ShellCommand {
    values = Map.copyOf(values);
  }

  /** True for the names under which values are passed, which the engine's own environment must not supply. */
  public static boolean isValueName(String name) {
    return name.matches("RUNBOOK_[QSAV][0-9]+");
  }

  /**
   * The script as the author wrote it, each reference replaced by its value: what the operator
   * reads, what the journal records and what a scenario's rules match.
   */
  public static String shown(String script, Map<String, String> env) {
    if (script.indexOf("${RUNBOOK_") < 0) {
      return script;
    }
    Matcher m = REFERENCE.matcher(script);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = null;
      for (int g = 1; name == null; g++) {
        name = m.group(g);
      }
      String value = env.get(name);
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  public String shown() {
    return shown(script, values);
  }
}
