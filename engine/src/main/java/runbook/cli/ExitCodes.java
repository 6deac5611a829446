package runbook.cli;

/** The exit codes of every command (sysexits where one fits). */
public final class ExitCodes {
  public static final int OK = 0;
  /** A step failed, lint found errors, a scenario test failed. */
  public static final int FAILED = 1;
  /** A confirm declined or unanswered, a required state not reached. */
  public static final int ABORTED = 3;
  public static final int USAGE = 64;
  /** The playbook (or another input file) is invalid. */
  public static final int INVALID = 65;
  /** A file given does not exist. */
  public static final int NO_INPUT = 66;
  /** A bug: one line and where the details are. */
  public static final int INTERNAL = 70;
  /** Another run holds the lock. */
  public static final int LOCKED = 75;
  /** Ctrl-C or SIGTERM. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
