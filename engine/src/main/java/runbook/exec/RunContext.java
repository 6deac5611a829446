package runbook.exec;

import runbook.expr.ExprEngine;
import runbook.journal.Journal;
import runbook.journal.RunDirectory;
import runbook.model.Playbook;
import runbook.process.Host;

/** Everything one run's executors share. */
final class RunContext {
  final Playbook playbook;
  final RunOptions options;
  final Host host;
  final ExprEngine expr;
  final RunScope scope;
  final Journal journal;
  final RunEvents events;
  final Masker masker;
  final RunDirectory dir;
  final Prompter prompter;
  final Interruption interruption;
  final GroupDeadlines deadlines = new GroupDeadlines();
  /** The answer of the confirm being run, until its step-finished record carries it. */
  private String decidedStep;
  private runbook.journal.JournalRecord.Decision decision;

  RunContext(
      Playbook playbook,
      RunOptions options,
      Host host,
      ExprEngine expr,
      RunScope scope,
      Journal journal,
      RunEvents events,
      Masker masker,
      RunDirectory dir,
      Prompter prompter,
      Interruption interruption) {
    this.playbook = playbook;
    this.options = options;
    this.host = host;
    this.expr = expr;
    this.scope = scope;
    this.journal = journal;
    this.events = events;
    this.masker = masker;
    this.dir = dir;
    this.prompter = prompter;
    this.interruption = interruption;
  }

  void decide(String step, runbook.journal.JournalRecord.Decision d) {
    decidedStep = step;
    decision = d;
  }

  /** The answer of this confirm, once: null when it has none. */
  runbook.journal.JournalRecord.Decision takeDecision(String step) {
    if (decision == null || !step.equals(decidedStep)) {
      return null;
    }
    runbook.journal.JournalRecord.Decision d = decision;
    decision = null;
    decidedStep = null;
    return d;
  }

  boolean dry() {
    return options.dryRun();
  }
}
