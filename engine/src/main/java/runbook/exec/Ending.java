package runbook.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the last screen of a run shows ({@link Console#ending}); everything already expanded and
 * masked, so that it can be drawn again from a record of it.
 *
 * @param outcomeLine one line: {@code run succeeded}, {@code rehearsal failed: ...}
 * @param steps every step record, in order
 * @param summaries on success, the {@code summary} of every step that ran, in order
 * @param stoppedAt the step (never a group) where the run stopped; null on success or when no step did
 * @param openGroups the groups around {@code stoppedAt}: the compact table unfolds them
 * @param doc the stopping step's doc: what to do
 * @param state the {@code if-stopped} text in force where the run stopped; null for none
 * @param resumeCommand the command that continues the run; null when there is nothing to continue
 */
public record Ending(
    RunResult.Outcome outcome,
    String outcomeLine,
    List<StepRecord> steps,
    Path report,
    List<String> summaries,
    StepRecord stoppedAt,
    Set<String> openGroups,
    String doc,
    String state,
    String resumeCommand) {
  public Ending {
    steps = List.copyOf(steps);
    summaries = List.copyOf(summaries);
    openGroups = Set.copyOf(openGroups);
  }
}
