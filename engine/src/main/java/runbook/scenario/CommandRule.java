package runbook.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import runbook.model.SourceSpan;

/**
 * One answer of a scenario: when a command line matches {@code pattern} while every flag in
 * {@code when} is set, the command "prints" {@code stdout} and
 * {@code stderr}, exits with {@code exit}, and the flags in {@code sets}/{@code clears} change.
 */
public record CommandRule(
    CommandPattern pattern,
    List<String> when,
    List<String> sets,
    List<String> clears,
    String stdout,
    String stderr,
    int exit,
    SourceSpan span) {
  public CommandRule {
    Objects.requireNonNull(pattern, "pattern");
    when = List.copyOf(when);
    sets = List.copyOf(sets);
    clears = List.copyOf(clears);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(span, "span");
  }

  /** Whether this rule answers {@code line} while {@code flags} are set. */
  public boolean answers(String line, Set<String> flags) {
    return flags.containsAll(when) && pattern.matches(line);
  }
}
