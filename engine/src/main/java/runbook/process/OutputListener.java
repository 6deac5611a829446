package runbook.process;

/**
 * Receives a command's output line by line while it runs, for the live display. Lines are
 * decoded as UTF-8 without their line terminator; a line longer than the host's limit arrives
 * once, cut, and ending with {@link #CUT_MARK}. Calls for one command never overlap, but they
 * come from the host's reader threads, not from the thread that called {@link Host#run}.
 */
public interface OutputListener {
  /** Appended to a line that was too long to show whole. */
  String CUT_MARK = " [cut]";

  OutputListener NONE = (stderr, line) -> {};

  void line(boolean stderr, String line);

  /**
   * The command's first process started, as {@code pid} (on a host that runs real processes);
   * called once, on the thread that called {@link Host#run}, before any line. Its session id is
   * {@code pid} too: everything the command starts stays in that session unless it leaves it.
   */
  default void started(long pid) {}
}
