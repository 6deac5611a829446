package runbook.model;

/** One method per kind of step: adding an action fails to compile until every layer handles it. */
public interface StepVisitor<R> {
  R visitRun(RunStep step);

  R visitAssertOutput(AssertOutputStep step);

  R visitParseTable(ParseTableStep step);

  R visitRequireState(RequireStateStep step);

  R visitConfirm(ConfirmStep step);

  R visitGroup(GroupStep step);
}
