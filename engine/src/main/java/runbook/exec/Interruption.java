package runbook.exec;

import java.time.Duration;

/**
 * Ctrl-C or SIGTERM, as seen by the run: a flag, a hook that stops the running commands, and
 * pauses (retry delay, wait between probes) that end early when it is set. The runner's thread is
 * never interrupted, so the journal can always be written on the way out.
 */
public final class Interruption {
  private final Object monitor = new Object();
  private volatile boolean requested;
  private volatile Runnable hook = () -> {};

  /** Called once when an interruption is requested, e.g. to terminate the running commands. */
  public void onRequest(Runnable stopCommands) {
    this.hook = stopCommands;
  }

  /** From a signal handler: stop what runs and make the run end as interrupted. */
  public void request() {
    requested = true;
    synchronized (monitor) {
      monitor.notifyAll();
    }
    hook.run();
  }

  public boolean requested() {
    return requested;
  }

  void check() {
    if (requested) {
      throw new RunStopped(StepStatus.INTERRUPTED, "interrupted");
    }
  }

  /** Waits, or less when interrupted (and then throws). */
  void pause(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    synchronized (monitor) {
      while (!requested) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          monitor.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          requested = true;
        }
      }
    }
    check();
  }
}
