package runbook.model;

/**
 * What a {@code require-state} reads, always read-only: a command, a table, or an earlier
 * read-only step run again.
 */
public sealed interface Probe permits Probe.OfStep, Probe.RunProbe, Probe.TableProbe {
  SourceSpan span();

  /** {@code probe: {of: step_id}}: run that earlier read-only step again. */
  record OfStep(Ref of, SourceSpan span) implements Probe {}

  /** {@code probe: {run: ...}}: the result has the run step's fields. */
  record RunProbe(Command command, SourceSpan span) implements Probe {}

  /** {@code probe: {parse-table: ...}}: the result has {@code rows}, {@code count}, {@code columns}. */
  record TableProbe(TableSpec table, SourceSpan span) implements Probe {}
}
