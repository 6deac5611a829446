package runbook.exec;

import runbook.expr.EvalException;
import runbook.model.RunStep;

/** {@code run}: execute a command. */
final class RunExecutor implements ActionExecutor<RunStep> {
  private final RunContext ctx;
  private final CommandRunner commands;

  RunExecutor(RunContext ctx, CommandRunner commands) {
    this.ctx = ctx;
    this.commands = commands;
  }

  @Override
  public StepResult execute(RunStep step, int depth, int attempt) throws EvalException {
    return commands.run(step.id(), step.command(), step.info().timeout(), attempt, ctx.scope);
  }

  @Override
  public String preview(RunStep step) throws EvalException {
    String shown = commands.build(step.command(), ctx.scope).shown();
    if (step.command().outputFile() != null) {
      shown += "  > " + ctx.expr.expand(step.command().outputFile(), ctx.scope);
    }
    return "would run: " + shown;
  }
}
