package runbook.cli;

import java.util.ArrayList;
import java.util.List;
import runbook.exec.Interruption;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (INT) and TERM during a run: instead of the JVM dying with the command still running, the
 * run's interruption is requested (the command's process group is terminated, the journal records
 * {@code run-interrupted}, the exit code is 130). The previous handlers come back on close.
 */
final class SignalTrap implements AutoCloseable {
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  static SignalTrap install(Interruption interruption) {
    SignalTrap trap = new SignalTrap();
    for (String name : List.of("INT", "TERM")) {
      Signal signal = new Signal(name);
      trap.signals.add(signal);
      trap.previous.add(Signal.handle(signal, s -> interruption.request()));
    }
    return trap;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
