package runbook.cli;

import java.util.ArrayList;
import java.util.List;
import runbook.exec.Interruption;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signals a run answers, instead of the JVM dying with a command still running:
 * <ul>
 *   <li>INT (Ctrl-C) and TERM ({@code runbook stop}): the run's interruption is requested (the
 *       command's process group is terminated, the journal records {@code run-interrupted}, the
 *       exit code is 130);
 *   <li>HUP (the terminal or SSH session is gone): the run goes on without its terminal; a confirm
 *       it reaches waits for {@code runbook attach}.
 * </ul>
 * SIGKILL cannot be caught: the commands live on in their own sessions, and {@code resume} waits
 * for them (docs/resume.md). The previous handlers of INT and TERM come back on close; HUP stays
 * ignored: the run has ended, and a hangup between its end and the process's exit (the report
 * written, the lock released) must not turn its exit code into 129.
 */
final class SignalTrap implements AutoCloseable {
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  static SignalTrap install(Interruption interruption, Runnable hangUp) {
    SignalTrap trap = new SignalTrap();
    for (String name : List.of("INT", "TERM")) {
      trap.handle(name, s -> interruption.request());
    }
    trap.handle("HUP", s -> hangUp.run());
    return trap;
  }

  private void handle(String name, SignalHandler handler) {
    Signal signal = new Signal(name);
    try {
      previous.add(Signal.handle(signal, handler));
      signals.add(signal);
    } catch (IllegalArgumentException e) {
      // the JVM keeps this signal for itself (-Xrs): it keeps its default action
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), signals.get(i).getName().equals("HUP") ? SignalHandler.SIG_IGN : previous.get(i));
    }
  }
}
