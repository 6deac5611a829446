/**
 * A state directory's runs beyond the one running now: the lock that allows one run per playbook
 * ({@link runbook.state.RunLock}), a run's history read back from its journal
 * ({@link runbook.state.RunHistory}), and the preparation of every run, new or resumed, from a
 * {@link runbook.state.RunRequest} ({@link runbook.state.RunPreparer}): for a resume, the checks
 * before a run is continued, the results of its finished steps rebuilt
 * ({@link runbook.state.ResultRestorer}), the operator's decision on an interrupted change, a torn
 * journal repaired, a rehearsal's scenario state ({@link runbook.state.Simulation}). Also what
 * {@code runbook runs} and {@code runbook show} print. The runner itself only follows the
 * {@link runbook.exec.Continuation} built here.
 */
package runbook.state;
