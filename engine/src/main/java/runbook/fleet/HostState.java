package runbook.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the controller knows of one host of a rollout; every field is read and written under its lock. */
public final class HostState {
  /** Where the host is in the rollout. */
  public enum Phase {
    PENDING("pending"), PLANNING("planning"), PLANNED("planned"), STARTING("starting"), RUNNING("running"),
    WAITING("waiting"), SUCCEEDED("succeeded"), UNCHANGED("unchanged"), REFUSED("refused"), FAILED("failed"),
    UNREACHABLE("unreachable"), LOST("lost"), NOT_STARTED("not-started");

    public final String key;

    Phase(String key) {
      this.key = key;
    }

    /** Nothing more happens to the host in this rollout (LOST is resolved by attach or resume). */
    public boolean done() {
      return this == SUCCEEDED || this == UNCHANGED || this == REFUSED || this == FAILED || this == UNREACHABLE
          || this == NOT_STARTED;
    }
  }

  public final Inventory.Host host;
  public Phase phase = Phase.PENDING;
  public String verdict;
  public List<String> path = List.of();
  public List<String> confirms = List.of();
  public String message;
  public String planRun;
  public String run;
  public String runDir;
  /** The process id of the run's engine on the host, 0 when not known. */
  public long pid;
  public String step;
  public String outcome;
  public long startedNanos;
  public long durationMs = -1;
  public List<String> backups = new ArrayList<>();
  public int batch;

  public HostState(Inventory.Host host) {
    this.host = host;
  }

  public String name() {
    return host.name();
  }

  /** The host's fields of the report. */
  public synchronized Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", host.name());
    m.put("state", phase.key);
    m.put("verdict", verdict);
    m.put("path", path);
    m.put("outcome", outcome);
    m.put("run", run);
    m.put("plan_run", planRun);
    m.put("backups", backups);
    m.put("duration_ms", durationMs < 0 ? null : durationMs);
    m.put("message", message);
    return m;
  }
}
