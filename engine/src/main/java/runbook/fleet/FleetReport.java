package runbook.fleet;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rollout's report: per host its verdict, outcome, run id on the host, backups and duration; the fleet's totals. */
public final class FleetReport {
  private FleetReport() {}

  /** How many hosts ended in each state, every state named (0 included), and the hosts in all. */
  public static Map<String, Integer> totals(List<HostState> hosts) {
    Map<String, Integer> t = new LinkedHashMap<>();
    t.put("hosts", hosts.size());
    for (HostState.Phase p : List.of(HostState.Phase.SUCCEEDED, HostState.Phase.UNCHANGED, HostState.Phase.REFUSED,
        HostState.Phase.FAILED, HostState.Phase.UNREACHABLE, HostState.Phase.LOST, HostState.Phase.NOT_STARTED)) {
      t.put(p.key, 0);
    }
    t.put("other", 0);
    for (HostState h : hosts) {
      String k = h.phase.key;
      t.merge(t.containsKey(k) && !k.equals("hosts") ? k : "other", 1, Integer::sum);
    }
    return t;
  }

  public static String totalsLine(Map<String, Integer> totals) {
    List<String> parts = new ArrayList<>();
    totals.forEach((k, v) -> {
      if (k.equals("hosts") || v > 0) {
        parts.add(v + " " + k);
      }
    });
    return String.join(", ", parts);
  }

  public static void printTable(PrintWriter out, List<HostState> hosts) {
    int w = Math.max(4, hosts.stream().mapToInt(h -> h.name().length()).max().orElse(4));
    out.printf("%-" + w + "s  %-11s  %-9s  %-9s  %8s  %s%n", "HOST", "STATE", "VERDICT", "OUTCOME", "DURATION", "RUN ON THE HOST");
    for (HostState h : hosts) {
      synchronized (h) {
        out.printf("%-" + w + "s  %-11s  %-9s  %-9s  %8s  %s%n", h.name(), h.phase.key, dash(h.verdict), dash(h.outcome),
            h.durationMs < 0 ? "-" : String.format("%.1fs", h.durationMs / 1000.0), dash(h.run));
      }
    }
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

  public static String markdown(String fleetId, String outcome, List<HostState> hosts, Map<String, Integer> totals) {
    StringBuilder b = new StringBuilder();
    b.append("# Fleet ").append(fleetId).append("\n\n");
    b.append("Outcome: **").append(outcome).append("** (").append(totalsLine(totals)).append(")\n\n");
    b.append("| host | state | verdict | outcome | run on the host | backups | duration | message |\n");
    b.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (HostState h : hosts) {
      synchronized (h) {
        b.append("| ").append(h.name()).append(" | ").append(h.phase.key).append(" | ").append(dash(h.verdict)).append(" | ")
            .append(dash(h.outcome)).append(" | ").append(h.run == null ? "-" : "`" + h.run + "`").append(" | ")
            .append(h.backups.isEmpty() ? "-" : String.join("<br>", h.backups.stream().map(x -> "`" + x + "`").toList())).append(" | ")
            .append(h.durationMs < 0 ? "-" : String.format("%.1f s", h.durationMs / 1000.0)).append(" | ")
            .append(h.message == null ? "" : h.message.replace("\n", " ").replace("|", "\\|")).append(" |\n");
      }
    }
    b.append("\n| total | hosts |\n| --- | --- |\n");
    totals.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    return b.toString();
  }

  public static Map<String, Object> json(String fleetId, String outcome, List<HostState> hosts, Map<String, Integer> totals) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fleet", fleetId);
    m.put("outcome", outcome);
    m.put("totals", totals);
    List<Object> list = new ArrayList<>();
    hosts.forEach(h -> list.add(h.toMap()));
    m.put("hosts", list);
    return m;
  }
}
