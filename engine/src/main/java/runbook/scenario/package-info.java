/**
 * Rehearsal scenarios: a scenario file stands in for a host and answers the commands a playbook
 * runs ({@link runbook.scenario.ScenarioHost}), so that {@code runbook test} can check every path of
 * a playbook and {@code runbook run --simulate} can let an operator rehearse, without the real system.
 */
package runbook.scenario;
