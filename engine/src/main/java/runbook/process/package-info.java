/**
 * Running real processes safely: no shell, one process group per command so a timeout or an
 * interrupt kills all of it, output streamed to files with a bounded capture in memory.
 * {@link runbook.process.Host} is what the runner uses; {@link runbook.process.LocalHost} is the
 * real machine.
 */
package runbook.process;
