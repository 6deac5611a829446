package runbook.exec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the engine reports what happens: each call makes one typed {@link RunEvent} and hands it
 * to every listener, in the order they were added. A listener that fails does not stop the run or
 * the other listeners (a display whose terminal hung up, a full disk under {@code events.jsonl}).
 */
public final class RunEvents {
  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

  public void add(RunListener listener) {
    listeners.add(listener);
  }

  public void emit(RunEvent event) {
    for (RunListener l : listeners) {
      try {
        l.on(event);
      } catch (RuntimeException e) {
        // one listener's trouble is not the run's
      }
    }
  }

  void close() {
    for (RunListener l : listeners) {
      try {
        l.close();
      } catch (RuntimeException e) {
        // the run is over anyway
      }
    }
  }

  void stepStarted(String id, String title, int depth, boolean live) {
    emit(new RunEvent.StepStarted(id, title, depth, false, live));
  }

  void groupStarted(String id, String title, int depth) {
    emit(new RunEvent.StepStarted(id, title, depth, true, false));
  }

  void command(String line) {
    emit(new RunEvent.CommandShown(line));
  }

  void outputLine(boolean stderr, String line) {
    emit(new RunEvent.OutputLine(stderr, line));
  }

  void stepFinished(String id, String title, int depth, StepStatus status, long millis, String message) {
    emit(new RunEvent.StepFinished(id, title, depth, status, millis, message));
  }

  void doc(String doc, int depth) {
    if (doc != null && !doc.isBlank()) {
      emit(new RunEvent.StepDoc(doc, depth));
    }
  }

  void info(String text) {
    emit(new RunEvent.Note(text));
  }

  void waiting(String step, String prompt, String typed) {
    emit(new RunEvent.Waiting(step, prompt, typed, false));
  }

  /** {@code --step} asks before a step: run, skip or quit. */
  void choosing(String step, String prompt) {
    emit(new RunEvent.Waiting(step, prompt, null, true));
  }

  void answered(String step, boolean approved, String by, String user, String terminal, String time, int depth, boolean asked) {
    emit(new RunEvent.Answered(step, approved, by, user, terminal, time, depth, asked));
  }
}
