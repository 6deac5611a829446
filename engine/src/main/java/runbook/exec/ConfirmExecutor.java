package runbook.exec;

import runbook.journal.JournalRecord;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import runbook.expr.EvalException;
import runbook.model.ConfirmStep;
import runbook.model.OnDecline;

/**
 * {@code confirm}: a human decision. {@code --yes} and {@code --approve ID} answer without asking;
 * otherwise the operator is asked on the terminal; with nobody to ask the run stops as aborted.
 * Every answer is journaled with the user, the terminal and the time.
 */
final class ConfirmExecutor implements ActionExecutor<ConfirmStep> {
  private static final Logger LOG = LoggerFactory.getLogger(ConfirmExecutor.class);

  private final RunContext ctx;

  ConfirmExecutor(RunContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public StepResult execute(ConfirmStep step, int depth, int attempt) throws EvalException {
    String prompt = ctx.expr.expand(step.prompt(), ctx.scope);
    String typed = step.typeToConfirm() == null ? null : ctx.expr.expand(step.typeToConfirm(), ctx.scope);
    if (ctx.dry()) {
      ctx.events.info(indent(depth) + "   would ask: " + prompt.strip().replace("\n", "\n" + indent(depth) + "   "));
      return StepResult.of(StepStatus.WOULD_RUN, Map.of("approved", true), "a confirm is shown, not asked, in a dry run");
    }
    String by;
    boolean approved;
    boolean asked = false;
    if (ctx.options.yesToAll() || ctx.options.approve().contains(step.id())) {
      by = ctx.options.yesToAll() ? "--yes" : "--approve " + step.id();
      approved = true;
      // the operator approved in advance: still show what was approved, so the output reads like the run
      ctx.events.info(indent(depth) + "   " + ctx.masker.mask(prompt).strip().replace("\n", "\n" + indent(depth) + "   ")
          + "\n" + indent(depth) + "   approved by " + by);
    } else if (!ctx.prompter.interactive()) {
      answer(step, false, "unanswered: no terminal or --non-interactive", prompt, depth, false);
      throw new RunStopped(StepStatus.ABORTED,
          "confirm `" + step.id() + "` needs an answer and there is no terminal to ask; "
              + "approve it with --approve " + step.id() + " (or --yes for every confirm)");
    } else {
      // the journal says a question waits: with nobody attached it waits until runbook attach answers
      ctx.journal.append(new JournalRecord.Waiting(null, step.id(), typed != null), true);
      ctx.events.waiting(step.id(), ctx.masker.mask(prompt), typed == null ? null : ctx.masker.mask(typed));
      try {
        approved = ctx.prompter.confirm(ctx.masker.mask(prompt), typed);
      } catch (IOException e) {
        answer(step, false, "unanswered: " + e.getMessage(), prompt, depth, false);
        ctx.interruption.check();
        throw new RunStopped(StepStatus.ABORTED, "confirm `" + step.id() + "` was not answered: " + e.getMessage());
      }
      by = ctx.prompter.answeredBy();
      asked = true;
    }
    answer(step, approved, by, prompt, depth, asked);
    if (approved) {
      return StepResult.of(StepStatus.OK, Map.of("approved", true), null);
    }
    if (step.onDecline() == OnDecline.SKIP) {
      return StepResult.of(StepStatus.DECLINED, Map.of("approved", false), "declined; going on (on-decline: skip)");
    }
    throw new RunStopped(StepStatus.ABORTED, "confirm `" + step.id() + "` was declined");
  }

  @Override
  public String preview(ConfirmStep step) throws EvalException {
    return "would ask: " + ctx.expr.expand(step.prompt(), ctx.scope).strip();
  }

  /** @param asked the question was on screen: the displays show the answer under it */
  private void answer(ConfirmStep step, boolean approved, String by, String prompt, int depth, boolean asked) {
    // journaled with the step's outcome (its step-finished); the question as it was asked, for the
    // report: who approved what, and when
    ctx.decide(step.id(), new JournalRecord.Decision(approved, ctx.journal.now(), ctx.options.user(), ctx.prompter.terminal(), by, prompt.strip()));
    ctx.events.answered(step.id(), approved, by, ctx.options.user(), ctx.prompter.terminal(),
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), depth, asked);
    LOG.info("confirm {}: {} by {} (user {}, terminal {})", step.id(), approved ? "approved" : "declined", by, ctx.options.user(), ctx.prompter.terminal());
  }

  private static String indent(int depth) {
    return "  ".repeat(depth);
  }
}
