package runbook.cli;

import picocli.CommandLine.Option;
import runbook.exec.Console;
import runbook.exec.UsageException;

/** How much a run prints and whether in colour: {@code -v}, {@code -q}, {@code --no-color}, for run and resume. */
final class OutputOptions {
  @Option(names = {"-v", "--verbose"}, description = "Also show every line the commands print.")
  private boolean verbose;

  @Option(names = {"-q", "--quiet"}, description = "Show only failures and the summary.")
  private boolean quiet;

  @Option(names = "--no-color", description = "No colour (also when NO_COLOR is set).")
  private boolean noColor;

  @Option(names = "--full-table", description = "At the end, list every step (default: groups folded, skipped steps counted).")
  private boolean fullTable;

  /** The same options again, for a run started in the background. */
  java.util.List<String> args() {
    java.util.List<String> a = new java.util.ArrayList<>();
    if (verbose) {
      a.add("-v");
    }
    if (quiet) {
      a.add("-q");
    }
    if (noColor) {
      a.add("--no-color");
    }
    if (fullTable) {
      a.add("--full-table");
    }
    return a;
  }

  Console console(RunSession session) throws UsageException {
    return session.console(verbose, quiet, noColor, fullTable);
  }
}
