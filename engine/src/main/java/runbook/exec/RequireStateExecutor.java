package runbook.exec;

import java.time.Duration;
import java.util.Map;
import runbook.expr.EvalException;
import runbook.expr.Scope;
import runbook.model.ParseTableStep;
import runbook.model.Probe;
import runbook.model.RequireStateStep;
import runbook.model.RunStep;
import runbook.model.Step;

/**
 * {@code require-state}: probe, check {@code that}; re-probe while {@code wait} allows; run
 * {@code fix} once and probe again. A state never reached ends the run as aborted.
 */
final class RequireStateExecutor implements ActionExecutor<RequireStateStep> {
  private static final Duration DEFAULT_EVERY = Duration.ofSeconds(5);

  private final RunContext ctx;
  private final CommandRunner commands;
  private final ParseTableExecutor tables;
  private final StepRunner steps;

  RequireStateExecutor(RunContext ctx, CommandRunner commands, ParseTableExecutor tables, StepRunner steps) {
    this.ctx = ctx;
    this.commands = commands;
    this.tables = tables;
    this.steps = steps;
  }

  @Override
  public StepResult execute(RequireStateStep step, int depth, int attempt) throws EvalException {
    Probing probing = new Probing(step);
    StepResult first = probing.probe();
    if (first.status() != StepStatus.OK && first.values().isEmpty()) {
      return first; // the probe could not even run: nothing to judge
    }
    boolean holds = probing.holds() || probing.waitFor();
    if (!holds && !step.fix().isEmpty()) {
      if (ctx.dry()) {
        ctx.events.info("the state does not hold; the fix would run:");
        steps.runAll(step.fix(), depth + 1);
        return StepResult.of(StepStatus.WOULD_RUN, Map.of(), "the state does not hold: the fix would run");
      }
      String failed = steps.runAll(step.fix(), depth + 1);
      if (failed != null) {
        return StepResult.failed("the fix failed at step `" + failed + "`");
      }
      probing.probe();
      holds = probing.holds() || probing.waitFor();
    }
    if (!holds) {
      String message = step.message() != null
          ? ctx.expr.expand(step.message(), probing.scope())
          : "`" + step.that().source() + "` is false";
      throw new RunStopped(StepStatus.ABORTED, "precondition not met: " + message);
    }
    StepResult probed = probing.lastResult();
    return new StepResult(StepStatus.OK, Map.of("probe", probing.last()), Map.of(), null,
        probed.command(), probed.exit(), probed.stdoutBytes(), probed.stderrBytes());
  }

  @Override
  public String preview(RequireStateStep step) {
    return "would check `" + step.that().source() + "`";
  }

  /** One execution's probes: each keeps its own output files ({@code <id>.out}, {@code <id>-2.out}...). */
  private final class Probing {
    private final RequireStateStep step;
    private int count;
    private ResultMap last;
    private StepResult lastResult;

    Probing(RequireStateStep step) {
      this.step = step;
    }

    StepResult probe() throws EvalException {
      count++;
      Probe p = step.probe();
      StepResult r;
      if (p instanceof Probe.RunProbe run) {
        r = commands.run(step.id(), run.command(), step.info().timeout(), count, ctx.scope);
      } else if (p instanceof Probe.TableProbe table) {
        r = tables.read(step.id(), table.table(), step.info().timeout(), count);
      } else {
        r = again(step, ((Probe.OfStep) p).of().id(), count);
      }
      last = new ResultMap(step.id() + ".probe", r.status(), r.values(), r.unavailable(), ctx.scope::noteDryRunGap);
      lastResult = r;
      return r;
    }

    ResultMap last() {
      return last;
    }

    StepResult lastResult() {
      return lastResult;
    }

    Scope scope() {
      return ctx.scope.with(Map.of("probe", last));
    }

    boolean holds() throws EvalException {
      return ctx.expr.test(step.that(), scope());
    }

    /** Re-probes every {@code every} until {@code that} holds or the wait ends; false without a wait. */
    boolean waitFor() throws EvalException {
      if (step.waitTimeout() == null || ctx.dry()) {
        return false;
      }
      long deadline = System.nanoTime() + step.waitTimeout().duration().toNanos();
      Duration every = step.waitEvery() != null ? step.waitEvery().duration() : DEFAULT_EVERY;
      ctx.events.info("waiting up to " + step.waitTimeout().text() + " for `" + step.that().source() + "`");
      while (System.nanoTime() < deadline) {
        long left = Math.max(0, deadline - System.nanoTime());
        ctx.interruption.pause(Duration.ofNanos(Math.min(every.toNanos(), left)));
        probe();
        if (holds()) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code probe: {of: id}}: that read-only step's body again, its output kept under this step's id. */
  private StepResult again(RequireStateStep step, String of, int n) throws EvalException {
    Step target = ctx.playbook.step(of).orElse(null);
    if (target instanceof RunStep run && !run.changes()) {
      return commands.run(step.id(), run.command(), step.info().timeout(), n, ctx.scope);
    }
    if (target instanceof ParseTableStep table) {
      return tables.read(step.id(), table.table(), step.info().timeout(), n);
    }
    return StepResult.failed("the probe `of: " + of + "` must name a read-only run or parse-table step");
  }
}
