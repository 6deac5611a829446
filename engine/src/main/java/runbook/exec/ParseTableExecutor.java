package runbook.exec;

import java.util.LinkedHashMap;
import java.util.Map;
import runbook.expr.EvalException;
import runbook.expr.ValueUnavailableException;
import runbook.model.ParseTableStep;
import runbook.model.TableSpec;
import runbook.model.TimeSpan;
import runbook.table.Table;
import runbook.table.TableException;
import runbook.table.TableParser;

/** {@code parse-table}: turn a command's column output into rows. Also reads a require-state's table probe. */
final class ParseTableExecutor implements ActionExecutor<ParseTableStep> {
  private final RunContext ctx;
  private final CommandRunner commands;

  ParseTableExecutor(RunContext ctx, CommandRunner commands) {
    this.ctx = ctx;
    this.commands = commands;
  }

  @Override
  public StepResult execute(ParseTableStep step, int depth, int attempt) throws EvalException {
    return read(step.id(), step.table(), step.info().timeout(), attempt);
  }

  @Override
  public String preview(ParseTableStep step) throws EvalException {
    TableSpec t = step.table();
    return t.run() != null
        ? "would run: " + commands.build(t.run(), ctx.scope).shown()
        : "would read a table from the output of `" + t.of().id() + "`";
  }

  /**
   * The table's rows from its own command or from an earlier step's stdout. The result has
   * {@code rows}, {@code count}, {@code columns}, and the command's fields when it ran one.
   */
  StepResult read(String stepId, TableSpec spec, TimeSpan timeout, int attempt) throws EvalException {
    StepResult source;
    String text;
    if (spec.run() != null) {
      source = commands.run(stepId, spec.run(), timeout, attempt, ctx.scope);
      if (source.status() != StepStatus.OK) {
        return source;
      }
      String truncated = source.unavailable().get("stdout");
      if (truncated != null) {
        return source.withStatus(StepStatus.FAILED, truncated);
      }
      text = (String) source.values().get("stdout");
    } else {
      ResultMap of = ctx.scope.result(spec.of().id());
      if (of == null) {
        ctx.scope.get(spec.of().id()); // throws with the reason it has not run
      }
      if (of.status() == StepStatus.WOULD_RUN) {
        return StepResult.of(StepStatus.WOULD_RUN, Map.of(), "would read a table from the output of `" + spec.of().id() + "`, which this dry run did not execute");
      }
      try {
        text = (String) of.get("stdout");
      } catch (ValueUnavailableException e) {
        return StepResult.failed(e.getMessage());
      }
      source = StepResult.of(StepStatus.OK, Map.of(), null);
    }
    try {
      Table table = TableParser.parse(text, spec);
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("rows", table.rows());
      values.put("count", table.rows().size());
      values.put("columns", table.columns());
      return source.withValues(values);
    } catch (TableException e) {
      return source.withStatus(StepStatus.FAILED, "cannot read the table: " + e.getMessage());
    }
  }
}
