package runbook.cli;

/** A file the operator named does not exist or cannot be read (exit 66). */
public final class NoInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public NoInputException(String message) {
    super(message);
  }

  /**
   * Checks a file given on the command line before anything opens it: a FIFO would block, a device
   * never end, so only a regular file passes.
   *
   * @param what {@code playbook}, {@code scenario}, {@code params}: named in the message
   */
  static void requireFile(java.nio.file.Path file, String what) throws NoInputException {
    requireFile(file, what, "");
  }

  /** @param hint appended to the message of a file that does not exist */
  static void requireFile(java.nio.file.Path file, String what, String hint) throws NoInputException {
    String problem = runbook.files.InputFiles.problem(file);
    if (problem == null) {
      return;
    }
    throw new NoInputException(problem.equals("no such file")
        ? (what.equals("playbook") ? "no such file: " : "no such " + what + " file: ") + file + hint
        : "not a " + what + " file: " + file + " " + problem + "; runbook reads only regular files");
  }
}
