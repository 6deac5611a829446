package runbook.exec;

import java.nio.file.Path;

/**
 * The terminal display as a listener: each event becomes the {@link Console} call that shows it.
 * The same for a run's own terminal and for {@code runbook attach} replaying {@code events.jsonl}.
 */
public final class ConsoleDisplay implements RunListener {
  private final Console console;

  public ConsoleDisplay(Console console) {
    this.console = console;
  }

  @Override
  public void on(RunEvent event) {
    if (event instanceof RunEvent.RunStarted e) {
      console.runStarted(e.title(), e.description(), e.runId(), Path.of(e.runDir()), e.dryRun());
    } else if (event instanceof RunEvent.StepStarted e) {
      if (e.group()) {
        console.groupStarted(e.step(), e.title(), e.depth());
      } else {
        console.stepStarted(e.step(), e.title(), e.depth(), e.live());
      }
    } else if (event instanceof RunEvent.CommandShown e) {
      console.command(e.line());
    } else if (event instanceof RunEvent.OutputLine e) {
      console.outputLine(e.stderr(), e.line());
    } else if (event instanceof RunEvent.StepFinished e) {
      console.stepFinished(e.step(), e.title(), e.depth(), e.status(), e.durationMs(), e.message());
    } else if (event instanceof RunEvent.StepDoc e) {
      console.doc(e.doc(), e.depth());
    } else if (event instanceof RunEvent.Note e) {
      console.info(e.text());
    } else if (event instanceof RunEvent.Waiting) {
      // the question is written by whoever asks it (the prompter, attach): nothing is drawn over it
      console.beforeQuestion();
    } else if (event instanceof RunEvent.Answered e && e.asked()) {
      // under the question and the answer typed: who answered, where, when
      console.answered(e.depth(), e.line());
    } else if (event instanceof RunEvent.RunFinished e) {
      console.ending(e.ending());
    }
    // an approval given in advance (--yes, --approve) is shown by its Note
  }

  @Override
  public void close() {
    console.close();
  }
}
