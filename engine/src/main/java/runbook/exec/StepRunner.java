package runbook.exec;

import runbook.journal.JournalRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import runbook.expr.EvalException;
import runbook.expr.ValueUnavailableException;
import runbook.model.ConfirmStep;
import runbook.model.Expr;
import runbook.model.GroupStep;
import runbook.model.ParseTableStep;
import runbook.model.Playbook;
import runbook.model.RequireStateStep;
import runbook.model.Retry;
import runbook.model.RunStep;
import runbook.model.Step;
import runbook.model.Template;

/**
 * What every step goes through, whatever its action: {@code --from}, {@code when}, {@code --step},
 * the dry run, the journal records around it, {@code retry}, {@code on-failure} and
 * {@code continue-on-error}. The action itself is its executor's business.
 */
final class StepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);
  private static final String MARKED_DONE = "marked done by the operator on resume; not run again";

  private final RunContext ctx;
  private final Continuation continuation;
  private final StepDispatch dispatch;
  private final List<StepRecord> records = new ArrayList<>();
  private final Set<String> fromAncestors;
  private final Set<String> passedOver = new HashSet<>();
  private String fromPending;
  private String current;
  private Step stopped;

  StepRunner(RunContext ctx, Continuation continuation) {
    this.ctx = ctx;
    this.continuation = continuation;
    this.dispatch = new StepDispatch(ctx, this);
    this.fromPending = ctx.options.from();
    this.fromAncestors = fromPending == null ? Set.of() : ancestors(ctx.playbook.steps(), fromPending);
  }

  List<StepRecord> records() {
    return List.copyOf(records);
  }

  /** The step that was running last (for {@code run-interrupted}). */
  String current() {
    return current;
  }

  /** The step (never a group) where the run stopped: failed, aborted or interrupted; null when none did. */
  Step stopped() {
    return stopped;
  }

  /** The record of the step where the run stopped; null when none did. */
  StepRecord stoppedRecord() {
    return stopped == null ? null : records.stream().filter(r -> r != null && r.id().equals(stopped.id())).reduce((a, b) -> b).orElse(null);
  }

  /** The doc of the step where the run stopped, expanded; null for none. */
  String stoppedDoc() {
    return stopped == null || stopped.info().doc() == null ? null : ctx.masker.mask(text(stopped.info().doc()));
  }

  /**
   * The state the host is in where the run stopped, in the playbook's words: the {@code if-stopped}
   * of the last step that began before the stop (itself included) and was not skipped, in the order
   * the steps began, steps restored by a resume included. Null when none says.
   */
  String stateAtStop() {
    if (stopped == null) {
      return null;
    }
    Map<String, Step> byId = new LinkedHashMap<>();
    ctx.playbook.allSteps().forEach(st -> byId.put(st.id(), st));
    Step found = null;
    for (StepRecord r : records) {
      if (r == null) {
        continue;
      }
      Step st = byId.get(r.id());
      boolean began = r.status() != StepStatus.SKIPPED && r.status() != StepStatus.WOULD_RUN;
      if (st != null && began && st.info().ifStopped() != null) {
        found = st;
      }
      if (r.id().equals(stopped.id())) {
        break;
      }
    }
    return found == null ? null : ctx.masker.mask(text(found.info().ifStopped()));
  }

  /** The {@code summary} of every step that ran and succeeded, in order, expanded. */
  List<String> summaries() {
    Map<String, Step> byId = new LinkedHashMap<>();
    ctx.playbook.allSteps().forEach(st -> byId.put(st.id(), st));
    List<String> out = new ArrayList<>();
    for (StepRecord r : records) {
      Step st = r == null ? null : byId.get(r.id());
      if (st != null && r.status() == StepStatus.OK && st.info().summary() != null) {
        out.add(ctx.masker.mask(text(st.info().summary())));
      }
    }
    return out;
  }

  /** The groups around a step, outermost first. */
  Set<String> groupsAround(String id) {
    return ancestors(ctx.playbook.steps(), id);
  }

  /** Why a step has no result: it came before {@code --from}, or it has not run yet. */
  String whyNotRun(String id) {
    if (passedOver.contains(id)) {
      return "step `" + id + "` did not run: this run started at `" + ctx.options.from() + "` (--from)";
    }
    return "step `" + id + "` has not run yet";
  }

  /**
   * Runs steps in order until one fails without {@code continue-on-error}.
   *
   * @return the id of the step that failed, or null when the run may go on
   */
  String runAll(List<Step> steps, int depth) {
    for (Step s : steps) {
      StepStatus status = run(s, depth);
      if (status == StepStatus.FAILED && !s.info().continueOnError()) {
        return s.id();
      }
    }
    return null;
  }

  /** Runs one step; null when {@code --from} passes over it. */
  private StepStatus run(Step step, int depth) {
    ctx.interruption.check();
    boolean enclosesFrom = false;
    if (fromPending != null) {
      if (step.id().equals(fromPending)) {
        fromPending = null;
      } else if (fromAncestors.contains(step.id())) {
        enclosesFrom = true; // its when may read steps before --from: enter it unconditionally
      } else {
        descendants(step).forEach(s -> passedOver.add(s.id()));
        return null;
      }
    }
    Continuation.Prior prior = continuation.finished().get(step.id());
    if (prior != null) {
      return restore(step, depth, prior);
    }
    long start = System.nanoTime();
    if (continuation.markDone().contains(step.id())) {
      return finish(step, depth, StepResult.of(StepStatus.OK, Map.of(), MARKED_DONE), 0, true, start, reserve());
    }
    if (step.info().when() != null && !enclosesFrom) {
      StepResult skip = checkWhen(step);
      if (skip != null) {
        if (skip.status() == StepStatus.SKIPPED) {
          skipDescendants(step);
        }
        return finish(step, depth, skip, 0, false, start, reserve());
      }
    }
    if (ctx.options.stepMode() && !(step instanceof GroupStep)) {
      StepResult skip = askOperator(step);
      if (skip != null) {
        return finish(step, depth, skip, 0, false, start, reserve());
      }
    }
    StepDispatch.Bound bound = dispatch.bind(step);
    // a group says `changes: true` only on purpose (its default is false): then it is shown whole
    if (ctx.dry() && step.changes() && !(step instanceof ConfirmStep)) {
      return finish(step, depth, preview(bound), 0, false, start, reserve());
    }
    return execute(step, bound, depth, start);
  }

  private StepStatus execute(Step step, StepDispatch.Bound bound, int depth, long start) {
    int slot = reserve();
    boolean sync = step.changes();
    current = step.id();
    ctx.journal.append(new JournalRecord.StepStarted(null, step.id(), text(step.info().title()), step.action(), step.changes()), sync);
    LOG.info("step {} started", step.id());
    if (step instanceof GroupStep) {
      ctx.events.groupStarted(step.id(), text(step.info().title()), depth);
    } else {
      ctx.events.stepStarted(step.id(), text(step.info().title()), depth, runsCommands(step));
    }
    Retry retry = step.info().retry();
    int attempt = 0;
    StepResult result;
    try {
      while (true) {
        attempt++;
        result = once(bound, depth, attempt);
        ctx.interruption.check();
        if (retry == null) {
          break;
        }
        boolean done;
        if (retry.until() != null) {
          ctx.scope.put(step.id(), map(step, result));
          try {
            done = ctx.expr.test(retry.until(), ctx.scope);
          } catch (EvalException e) {
            result = result.withStatus(StepStatus.FAILED, describe(e));
            break;
          }
        } else {
          done = result.status() != StepStatus.FAILED;
        }
        if (done) {
          break;
        }
        if (attempt >= retry.attempts()) {
          if (retry.until() != null) {
            result = result.withStatus(StepStatus.FAILED,
                "`" + retry.until().source() + "` still false after " + attempt + " attempts"
                    + (result.message() == null ? "" : "\n" + result.message()));
          }
          break;
        }
        ctx.events.info("  attempt " + attempt + " of " + retry.attempts() + " did not succeed"
            + (retry.delay() == null ? "; retrying" : "; retrying in " + retry.delay().text()));
        LOG.info("step {}: attempt {} of {} did not succeed", step.id(), attempt, retry.attempts());
        if (retry.delay() != null) {
          ctx.interruption.pause(retry.delay().duration());
        }
      }
    } catch (RunStopped stop) {
      finish(step, depth, StepResult.of(stop.status(), Map.of(), stop.getMessage()), attempt, sync, start, slot);
      if (stop.status() == StepStatus.ABORTED && step instanceof GroupStep && !step.info().onFailure().isEmpty()) {
        cleanUpAfterStop(step, depth);
      }
      throw stop;
    }
    return finish(step, depth, result, attempt, sync, start, slot);
  }

  /**
   * A run that stops inside a group (a confirm declined, a required state not reached) may leave what the
   * group changed half-way, as a failure would: its on-failure steps run before the run ends, so that
   * they can undo or say how to. The stop's own message stays the run's outcome; a stop inside the
   * on-failure steps (a confirm there declined) ends them, an interruption ends the run at once.
   */
  private void cleanUpAfterStop(Step group, int depth) {
    ctx.events.info("the run stops inside `" + group.id() + "`: running its on-failure steps");
    try {
      runAll(group.info().onFailure(), depth + 1);
    } catch (RunStopped inner) {
      if (inner.status() != StepStatus.ABORTED) {
        throw inner;
      }
      ctx.events.info("on-failure steps of `" + group.id() + "` stopped: " + inner.getMessage());
    }
  }

  /** One execution; an expression that cannot be evaluated fails the step with its position. */
  private StepResult once(StepDispatch.Bound bound, int depth, int attempt) {
    try {
      return bound.execute(depth, attempt);
    } catch (EvalException e) {
      if (ctx.dry() && ctx.scope.takeDryRunGap()) {
        return StepResult.of(StepStatus.WOULD_RUN, Map.of(), "would decide at run time: " + e.getMessage());
      }
      return StepResult.failed(describe(e));
    } catch (ValueUnavailableException e) {
      return StepResult.failed(e.getMessage());
    }
  }

  private StepResult preview(StepDispatch.Bound bound) {
    try {
      return StepResult.of(StepStatus.WOULD_RUN, Map.of(), bound.preview());
    } catch (EvalException | ValueUnavailableException e) {
      if (ctx.scope.takeDryRunGap()) {
        return StepResult.of(StepStatus.WOULD_RUN, Map.of(), "would run; its command reads results this dry run did not produce: " + e.getMessage());
      }
      return StepResult.failed(e instanceof EvalException ee ? describe(ee) : e.getMessage());
    }
  }

  /** Null when the step should run; a skipped (or, in a dry run, undecidable, or failed) result otherwise. */
  private StepResult checkWhen(Step step) {
    Expr when = step.info().when();
    try {
      if (ctx.expr.test(when, ctx.scope)) {
        return null;
      }
      // the playbook's own words when it gives them; the expression is in the playbook for whoever wants it
      String why = step.info().reason() != null ? text(step.info().reason()) : "`when` is false: " + when.source();
      return StepResult.of(StepStatus.SKIPPED, Map.of(), why);
    } catch (EvalException e) {
      if (ctx.dry() && ctx.scope.takeDryRunGap()) {
        return StepResult.of(StepStatus.WOULD_RUN, Map.of(), "would decide at run time whether to run: `" + when.source() + "` reads results this dry run did not produce");
      }
      return StepResult.failed(describe(e));
    }
  }

  /** A step that finished before a resume: its result comes back, nothing runs and nothing is journaled. */
  private StepStatus restore(Step step, int depth, Continuation.Prior p) {
    ctx.scope.put(step.id(), new ResultMap(step.id(), p.status(), p.values(), p.unavailable(), ctx.scope::noteDryRunGap));
    if (p.status() == StepStatus.SKIPPED) {
      skipDescendants(step);
    }
    String title = text(step.info().title());
    records.add(new StepRecord(step.id(), title, depth, p.status(), p.durationMs(), p.command(), p.exit(), p.message(), p.attempts()));
    ctx.events.stepFinished(step.id(), title, depth, p.status(), p.durationMs(), "done before the resume");
    // the steps inside a finished group (or fix, or on-failure) keep their results too
    for (Step s : step.children()) {
      Continuation.Prior q = continuation.finished().get(s.id());
      if (q != null) {
        restore(s, depth + 1, q);
      }
    }
    return p.status();
  }

  private StepResult askOperator(Step step) {
    Prompter.StepChoice choice;
    ctx.events.choosing(step.id(), "next step `" + step.id() + "`: " + ctx.masker.mask(text(step.info().title())));
    try {
      choice = ctx.prompter.beforeStep(step.id(), ctx.masker.mask(text(step.info().title())),
          step.info().doc() == null ? null : ctx.masker.mask(text(step.info().doc())));
    } catch (IOException e) {
      ctx.interruption.check();
      throw new RunStopped(StepStatus.ABORTED, "stopped before step `" + step.id() + "`: " + e.getMessage());
    }
    if (choice == Prompter.StepChoice.QUIT) {
      throw new RunStopped(StepStatus.ABORTED, "stopped by the operator before step `" + step.id() + "`");
    }
    return choice == Prompter.StepChoice.SKIP ? StepResult.of(StepStatus.SKIPPED, Map.of(), "skipped by the operator (--step)") : null;
  }

  private StepStatus finish(Step step, int depth, StepResult result, int attempts, boolean sync, long start, int slot) {
    long ms = (System.nanoTime() - start) / 1_000_000;
    ctx.scope.put(step.id(), map(step, result));
    // a confirm's answer is part of its outcome, and is on the disk before anything else runs
    JournalRecord.Decision decision = ctx.takeDecision(step.id());
    boolean command = result.command() != null;
    ctx.journal.append(new JournalRecord.StepFinished(null, step.id(), result.status().key(), result.exit(), ms, result.command(),
        command ? result.stdoutBytes() : null, command ? result.stderrBytes() : null, attempts > 1 ? attempts : null,
        result.message(), JournalValues.of(result.values()), result.unavailable(), decision), sync || decision != null);
    boolean stops = result.status() == StepStatus.ABORTED || result.status() == StepStatus.INTERRUPTED
        || (result.status() == StepStatus.FAILED && !step.info().continueOnError());
    if (stops && stopped == null && !(step instanceof GroupStep)) {
      stopped = step;
    }
    LOG.info("step {} {} in {} ms{}", step.id(), result.status().key(), ms, result.message() == null ? "" : ": " + result.message());
    String title = text(step.info().title());
    ctx.events.stepFinished(step.id(), title, depth, result.status(), ms, result.message());
    records.set(slot, new StepRecord(step.id(), title, depth, result.status(), ms, result.command(), result.exit(), result.message(), attempts));
    if (result.status() == StepStatus.FAILED && step.info().continueOnError() && !(step instanceof GroupStep)) {
      // the doc says what a failure here means; a failure that stops the run has it on the last screen
      ctx.events.doc(step.info().doc() == null ? null : text(step.info().doc()), depth);
    }
    if (result.status() == StepStatus.FAILED) {
      if (!step.info().onFailure().isEmpty()) {
        ctx.events.info("running the on-failure steps of `" + step.id() + "`");
        runAll(step.info().onFailure(), depth + 1);
      }
      if (step.info().continueOnError()) {
        ctx.events.info("`" + step.id() + "` failed; going on (continue-on-error)");
      }
    }
    return result.status();
  }

  /** Steps whose progress is worth a live block: the ones that run commands. */
  private static boolean runsCommands(Step step) {
    return step instanceof RunStep || step instanceof ParseTableStep || step instanceof RequireStateStep;
  }

  private int reserve() {
    records.add(null);
    return records.size() - 1;
  }

  private ResultMap map(Step step, StepResult r) {
    return new ResultMap(step.id(), r.status(), r.values(), r.unavailable(), ctx.scope::noteDryRunGap);
  }

  /** A skipped group's steps are skipped too: their {@code skipped} reads true. */
  private void skipDescendants(Step step) {
    for (Step s : descendants(step)) {
      if (s != step) {
        ctx.scope.put(s.id(), new ResultMap(s.id(), StepStatus.SKIPPED, Map.of(), Map.of(), ctx.scope::noteDryRunGap));
      }
    }
  }

  /** Titles and docs are templates; one that cannot be expanded is shown as written. */
  /**
   * A step's title as shown everywhere (screen, journal, events, report): masked, then cut like a
   * journal's display field, so that a megabyte value in it is not written out again and again, and
   * no cut can leave the start of a secret behind.
   */
  private String text(Template t) {
    String s;
    try {
      s = ctx.expr.expand(t, ctx.scope);
    } catch (EvalException | ValueUnavailableException e) {
      s = t.text();
    }
    return runbook.journal.Journal.shorten(ctx.masker.mask(s));
  }

  static String describe(EvalException e) {
    return e.diagnostic().span() + ": " + e.diagnostic().message();
  }

  private static List<Step> descendants(Step step) {
    return Playbook.flatten(List.of(step));
  }

  /** Ids of the groups (and require-state steps) that contain the step {@code id}. */
  private static Set<String> ancestors(List<Step> steps, String id) {
    Set<String> out = new HashSet<>();
    for (Step s : steps) {
      List<Step> children = s.children();
      if (descendants(s).stream().anyMatch(d -> d != s && d.id().equals(id))) {
        out.add(s.id());
        out.addAll(ancestors(children, id));
      }
    }
    return out;
  }
}
