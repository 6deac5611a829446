package runbook.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import runbook.exec.RunResult.Outcome;
import runbook.exec.StepRecord;
import runbook.exec.StepStatus;
import runbook.model.SourceSpan;

class ExpectationCheckTest {
  private static final SourceSpan AT = new SourceSpan("s.scenario.yaml", 1, 1);
  private static final List<StepRecord> STEPS = List.of(
      step("diagnose", StepStatus.OK), step("extend", StepStatus.SKIPPED), step("dump", StepStatus.OK),
      step("confirm_swap", StepStatus.ABORTED));
  private static final List<String> COMMANDS = List.of("dmsetup status pve-data-tpool", "thin_dump -r -f xml /dev/x");

  private static StepRecord step(String id, StepStatus status) {
    return new StepRecord(id, id, 0, status, 0, null, null, null, 1);
  }

  private static Expectation expect(String outcome, List<String> ran, List<String> skipped, List<String> commands, List<String> never) {
    return new Expectation(outcome, ran, skipped, commands.stream().map(c -> CommandPattern.glob(c, AT)).toList(),
        never.stream().map(c -> CommandPattern.glob(c, AT)).toList());
  }

  private static List<String> check(Expectation e) {
    return ExpectationCheck.check(e, Outcome.ABORTED, "confirm `confirm_swap` was declined", STEPS, COMMANDS);
  }

  @Test
  void aRunThatMeetsEveryExpectationHasNoProblems() {
    assertEquals(List.of(), check(expect("aborted", List.of("diagnose", "dump", "confirm_swap"), List.of("extend"),
        List.of("thin_dump -r *"), List.of("lvconvert --repair*"))));
  }

  @Test
  void aWrongOutcomeIsNamedWithTheRunsMessage() {
    assertEquals(List.of("expected the run to be succeeded, it was aborted: confirm `confirm_swap` was declined"),
        check(expect("succeeded", List.of(), List.of(), List.of(), List.of())));
  }

  @Test
  void ranIsAnOrderedSubsequence() {
    assertEquals(List.of("step `diagnose` ran, but not after `dump`"),
        check(expect(null, List.of("dump", "diagnose"), List.of(), List.of(), List.of())));
    assertEquals(List.of("step `extend` should have run, but it was skipped"),
        check(expect(null, List.of("diagnose", "extend"), List.of(), List.of(), List.of())));
    assertEquals(List.of("step `swap` should have run, but the run never reached it"),
        check(expect(null, List.of("swap"), List.of(), List.of(), List.of())));
  }

  @Test
  void skippedStepsMustHaveBeenSkipped() {
    assertEquals(List.of("step `dump` should have been skipped, but its status is ok"),
        check(expect(null, List.of(), List.of("dump"), List.of(), List.of())));
  }

  @Test
  void everyExpectedCommandMustHaveRunAndNoForbiddenOne() {
    assertEquals(List.of("no command matched `lvconvert *`", "`thin_dump -r -f xml /dev/x` ran, but `expect.never` has `thin_dump -r*`"),
        check(expect(null, List.of(), List.of(), List.of("lvconvert *"), List.of("thin_dump -r*"))));
  }
}
