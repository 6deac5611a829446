package runbook.scenario;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import runbook.model.SourceSpan;

/**
 * A pattern over a command line as run: a glob ({@code *} any characters, {@code ?} one, everything
 * else literal) that must match the whole line, or a regular expression that must be found in it.
 *
 * @param text the pattern as written
 * @param glob true for a glob, false for a regex
 * @param span where the pattern stands in the scenario file
 */
public record CommandPattern(String text, boolean glob, Pattern pattern, SourceSpan span) {
  public CommandPattern {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(span, "span");
  }

  public static CommandPattern glob(String text, SourceSpan span) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    // DOTALL: a shell step's script spans lines, and `*` must reach across them.
    return new CommandPattern(text, true, Pattern.compile(regex.toString(), Pattern.DOTALL), span);
  }

  /** @throws java.util.regex.PatternSyntaxException when {@code text} is not a valid regex */
  public static CommandPattern regex(String text, SourceSpan span) {
    return new CommandPattern(text, false, Pattern.compile(text, Pattern.MULTILINE), span);
  }

  public boolean matches(String line) {
    Matcher m = pattern.matcher(line);
    return glob ? m.matches() : m.find();
  }

  /**
   * Whether some command line that runs {@code program} could match: the program alone, or a line
   * that starts with {@code "<program> "} and goes on (the matcher ran off the end still hoping for
   * more). This is what makes a program count as present for {@code requires} in a simulated run.
   */
  public boolean couldAnswer(String program) {
    if (matches(program)) {
      return true;
    }
    Matcher m = pattern.matcher(program + " ");
    // An anchored regex is tried at the start only; an unanchored one may answer any program.
    boolean found = glob ? m.matches() : text.startsWith("^") ? m.lookingAt() : m.find();
    return found || m.hitEnd();
  }

  @Override
  public String toString() {
    return (glob ? "match: " : "regex: ") + text;
  }
}
