package runbook.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to run a playbook: what the operator asked on the command line.
 *
 * @param params raw values from {@code --params} then {@code --set} (later wins), checked against
 *     the playbook before the first step
 * @param dryRun run only the steps with {@code changes: false}; show the others
 * @param stepMode ask before each step (needs a terminal)
 * @param yesToAll {@code --yes}: approve every confirm
 * @param approve {@code --approve ID}: approve these confirms
 * @param from start at this step; null for the first
 * @param stateDir where {@code runs/} is
 * @param environment the engine's environment, the base of every command's environment
 * @param user who runs (journaled)
 * @param host the machine's name (journaled)
 * @param simulated commands go to a rehearsal scenario, not the host (journaled)
 */
public record RunOptions(
    Map<String, String> params,
    boolean dryRun,
    boolean stepMode,
    boolean yesToAll,
    Set<String> approve,
    String from,
    Path stateDir,
    Map<String, String> environment,
    String user,
    String host,
    boolean simulated) {
  public RunOptions {
    params = Map.copyOf(params);
    approve = Set.copyOf(approve);
    Objects.requireNonNull(stateDir, "stateDir");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(host, "host");
  }

  /** Defaults for a plain run: no params, nothing approved, the given state directory and environment. */
  public static RunOptions defaults(Path stateDir, Map<String, String> environment) {
    return new RunOptions(Map.of(), false, false, false, Set.of(), null, stateDir, environment,
        System.getProperty("user.name", "unknown"), "localhost", false);
  }

  public RunOptions withParams(Map<String, String> newParams) {
    return new RunOptions(newParams, dryRun, stepMode, yesToAll, approve, from, stateDir, environment, user, host, simulated);
  }

  public RunOptions withDryRun(boolean dry) {
    return new RunOptions(params, dry, stepMode, yesToAll, approve, from, stateDir, environment, user, host, simulated);
  }

  public RunOptions withApprovals(boolean yes, List<String> ids) {
    return new RunOptions(params, dryRun, stepMode, yes, Set.copyOf(ids), from, stateDir, environment, user, host, simulated);
  }

  public RunOptions withFrom(String stepId) {
    return new RunOptions(params, dryRun, stepMode, yesToAll, approve, stepId, stateDir, environment, user, host, simulated);
  }

  public RunOptions withStepMode(boolean step) {
    return new RunOptions(params, dryRun, step, yesToAll, approve, from, stateDir, environment, user, host, simulated);
  }
}
