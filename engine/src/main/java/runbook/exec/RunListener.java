package runbook.exec;

/** Told every {@link RunEvent} of a run, in order, on the thread that produced it. */
public interface RunListener {
  void on(RunEvent event);

  /** The run is over (or the display leaves it): flush and let go of what it holds. */
  default void close() {}
}
