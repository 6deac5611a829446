package runbook.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command reads and writes instead of the process's own streams, so that {@link Main} runs
 * the same in a test as from a shell.
 *
 * @param terminal {@code out} and {@code in} are the operator's terminal
 */
record CliContext(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, boolean terminal) {}
