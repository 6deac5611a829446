package runbook.process;

import java.io.IOException;

/**
 * Where commands run: the real machine ({@link LocalHost}) or a rehearsal scenario. The runner
 * only talks to this interface, so a simulated run can never touch the real host.
 */
public interface Host {
  /**
   * Runs one command to its end, or until its timeout expires.
   *
   * @throws IOException when the command cannot be started (no such program, missing working
   *     directory) or its output cannot be written; the message names the program or file
   * @throws InterruptedException when the calling thread is interrupted or the host was told to
   *     stop; the command's processes are killed first
   */
  CommandOutcome run(CommandRequest request, OutputListener listener) throws IOException, InterruptedException;

  /** Whether {@code name} is a program on PATH, or a path to an executable file; for {@code requires}. */
  boolean hasProgram(String name);
}
