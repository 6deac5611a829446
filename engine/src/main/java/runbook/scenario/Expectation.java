package runbook.scenario;

import java.util.List;

/**
 * What a scenario expects of the run.
 *
 * @param outcome {@code succeeded}, {@code failed} or {@code aborted}; null for any
 * @param ran step ids that must have run, in this order (others may come between)
 * @param skipped step ids that must have been skipped
 * @param commands each must be matched by at least one command that ran
 * @param never none may be matched by any command that ran
 */
public record Expectation(
    String outcome, List<String> ran, List<String> skipped, List<CommandPattern> commands, List<CommandPattern> never) {
  public static final List<String> OUTCOMES = List.of("succeeded", "failed", "aborted");

  public Expectation {
    ran = List.copyOf(ran);
    skipped = List.copyOf(skipped);
    commands = List.copyOf(commands);
    never = List.copyOf(never);
  }
}
