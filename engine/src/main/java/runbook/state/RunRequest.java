package runbook.state;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the operator asked for, in the terms of the run rather than of the command line: a new run
 * ({@link Fresh}) or the continuation of an earlier one ({@link Resume}). {@code runbook run} and
 * {@code runbook resume} only turn their options into one of these; {@link RunPreparer} does the
 * rest.
 */
public sealed interface RunRequest {
  /** What every run is given, new or resumed. */
  Common common();

  /**
   * @param params every param value given: {@code --params}, {@code --set}, {@code --set-from-file},
   *     {@code --set-from-env}; a resume takes only the secrets from here (the others are the run's)
   * @param onCommandLine the names given with {@code --set}, whose values are in the engine's command
   *     line for every local user to read: a secret among them is warned about
   * @param yes {@code --yes}: approve every confirm
   * @param approve {@code --approve ID}: approve these confirms
   * @param stateDir where {@code runs/} and {@code locks/} are
   * @param environment the engine's environment, the base of every command's environment
   * @param user who runs (journaled, and in the lock)
   * @param host this machine's name (journaled, and in the lock)
   */
  record Common(
      Map<String, String> params,
      Set<String> onCommandLine,
      boolean yes,
      List<String> approve,
      Path stateDir,
      Map<String, String> environment,
      String user,
      String host) {
    public Common {
      params = Map.copyOf(params);
      onCommandLine = Set.copyOf(onCommandLine);
      approve = List.copyOf(approve);
      Objects.requireNonNull(stateDir, "stateDir");
      environment = Map.copyOf(environment);
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(host, "host");
    }
  }

  /**
   * A new run.
   *
   * @param playbook the playbook file (an installed playbook's name already resolved to its file)
   * @param dryRun run only the read-only steps; show the others
   * @param step ask before each step
   * @param from start at this step; null for the first
   * @param scenario {@code --simulate}: the scenario that answers every command; null to run on this host
   * @param runId the id the run was announced under ({@code --detach}); null for a new one
   */
  record Fresh(Common common, Path playbook, boolean dryRun, boolean step, String from, Path scenario, String runId)
      implements RunRequest {
    public Fresh {
      Objects.requireNonNull(common, "common");
      Objects.requireNonNull(playbook, "playbook");
    }
  }

  /**
   * The continuation of an interrupted, aborted or failed run.
   *
   * @param runId null with {@code last}
   * @param last {@code --last}: the most recent run in the state directory that is not a dry run
   *     nor, unless {@code rehearsals}, a simulated one
   * @param rehearsals {@code --last} may choose a simulated run
   * @param force continue although the playbook changed
   * @param rerunInterrupted run an interrupted change again
   * @param markDone the interrupted change the operator declares done; null for none
   * @param waitForProcesses {@code --wait}: when a command of the run outlived its engine, wait for
   *     it to end instead of refusing
   */
  record Resume(
      Common common,
      String runId,
      boolean last,
      boolean rehearsals,
      boolean force,
      boolean rerunInterrupted,
      String markDone,
      boolean waitForProcesses) implements RunRequest {
    public Resume {
      Objects.requireNonNull(common, "common");
    }
  }
}
