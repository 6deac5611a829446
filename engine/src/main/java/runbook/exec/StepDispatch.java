package runbook.exec;

import runbook.expr.EvalException;
import runbook.model.AssertOutputStep;
import runbook.model.ConfirmStep;
import runbook.model.GroupStep;
import runbook.model.ParseTableStep;
import runbook.model.RequireStateStep;
import runbook.model.RunStep;
import runbook.model.Step;
import runbook.model.StepVisitor;

/** Pairs a step with its action's executor; the visitor makes the compiler check that every action has one. */
final class StepDispatch implements StepVisitor<StepDispatch.Bound> {
  /** A step bound to its executor. */
  interface Bound {
    StepResult execute(int depth, int attempt) throws EvalException;

    String preview() throws EvalException;
  }

  private final RunExecutor run;
  private final AssertOutputExecutor assertOutput;
  private final ParseTableExecutor parseTable;
  private final RequireStateExecutor requireState;
  private final ConfirmExecutor confirm;
  private final GroupExecutor group;

  StepDispatch(RunContext ctx, StepRunner steps) {
    CommandRunner commands = new CommandRunner(ctx);
    this.run = new RunExecutor(ctx, commands);
    this.assertOutput = new AssertOutputExecutor(ctx);
    this.parseTable = new ParseTableExecutor(ctx, commands);
    this.requireState = new RequireStateExecutor(ctx, commands, parseTable, steps);
    this.confirm = new ConfirmExecutor(ctx);
    this.group = new GroupExecutor(steps, ctx.deadlines);
  }

  Bound bind(Step step) {
    return step.accept(this);
  }

  @Override
  public Bound visitRun(RunStep step) {
    return bind(run, step);
  }

  @Override
  public Bound visitAssertOutput(AssertOutputStep step) {
    return bind(assertOutput, step);
  }

  @Override
  public Bound visitParseTable(ParseTableStep step) {
    return bind(parseTable, step);
  }

  @Override
  public Bound visitRequireState(RequireStateStep step) {
    return bind(requireState, step);
  }

  @Override
  public Bound visitConfirm(ConfirmStep step) {
    return bind(confirm, step);
  }

  @Override
  public Bound visitGroup(GroupStep step) {
    return bind(group, step);
  }

  private static <S extends Step> Bound bind(ActionExecutor<S> executor, S step) {
    return new Bound() {
      @Override
      public StepResult execute(int depth, int attempt) throws EvalException {
        return executor.execute(step, depth, attempt);
      }

      @Override
      public String preview() throws EvalException {
        return executor.preview(step);
      }
    };
  }
}
