package runbook.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.exec.UsageException;
import runbook.model.Playbook;
import runbook.model.SourceSpan;

/**
 * Prepares a rollout before anything reaches a host (the inventory, the selection, the params of
 * each host against the playbook's, the scenarios of a rehearsal, the rate rules: every problem
 * here stops it before the first connection), and restores one from its journal for {@code fleet
 * resume} and {@code fleet attach}.
 */
public final class Fleets {
  private Fleets() {}

  /** What the operator asked for. */
  public record Request(Path inventory, Path playbook, String limit, Map<String, String> params, Path simulate,
      String batches, String maxParallel, String maxFailures, String maxUnreachable, boolean yes) {}

  public static Rollout.Settings prepare(Request r, Playbook pb, String fleetId) throws InvalidInputException, UsageException, IOException {
    Inventory inv = InventoryReader.read(r.inventory());
    List<Inventory.Host> hosts = inv.select(r.limit());
    List<String> problems = new ArrayList<>();
    for (String k : r.params().keySet()) {
      if (!pb.params().containsKey(k)) {
        problems.add("--set " + k + ": the playbook " + pb.name() + " has no param `" + k + "`; its params: " + String.join(", ", pb.params().keySet()));
      }
    }
    List<Diagnostic> diags = new ArrayList<>();
    Map<String, Map<String, String>> params = new LinkedHashMap<>();
    Map<String, Bundle> bundles = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Inventory.Host h : hosts) {
      Map<String, String> p = new LinkedHashMap<>();
      h.params().forEach((k, v) -> {
        if (pb.params().containsKey(k)) {
          p.put(k, v);
        } else if (h.strict()) {
          SourceSpan span = h.paramSpans().getOrDefault(k, h.span());
          diags.add(InventoryReader.RULE.at(span, "host " + h.name() + ": the playbook " + pb.name() + " has no param `" + k + "`")
              .withHint("its params: " + String.join(", ", pb.params().keySet())));
        }
      });
      p.putAll(r.params());
      params.put(h.name(), p);
      Path scenario = null;
      if (r.simulate() != null) {
        scenario = r.simulate().resolve(h.name() + ".scenario.yaml");
        if (!Files.isRegularFile(scenario)) {
          missing.add(scenario.toString());
          continue;
        }
      }
      bundles.put(h.name(), Bundle.of(pb, scenario));
    }
    if (!diags.isEmpty()) {
      throw new InvalidInputException(diags);
    }
    if (!missing.isEmpty()) {
      problems.add("--simulate " + r.simulate() + " needs one scenario per host; missing: " + String.join(", ", missing));
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    RateRules rules = RateRules.parse(r.batches(), r.maxParallel(), r.maxFailures(), r.maxUnreachable(), hosts.size());
    List<HostState> states = new ArrayList<>();
    hosts.forEach(h -> states.add(new HostState(h)));
    return new Rollout.Settings(fleetId, r.playbook(), bundles.values().iterator().next().files().get(0).sha256(), bundles, params, rules, r.yes(), states);
  }

  /** The {@code fleet-started} record: everything resume needs to go on as this rollout would have. */
  public static Map<String, Object> startedRecord(Request r, Rollout.Settings s) {
    List<Object> hosts = new ArrayList<>();
    for (HostState h : s.hosts()) {
      hosts.add(Rollout.map("name", h.name(), "address", h.host.address(), "port", h.host.port(), "user", h.host.user(),
          "command", h.host.command(), "params", s.params().get(h.name())));
    }
    return Rollout.map("fleet", s.fleetId(), "inventory", r.inventory().toAbsolutePath().toString(),
        "playbook", r.playbook().toAbsolutePath().toString(), "sha256", s.playbookSha(),
        "simulate", r.simulate() == null ? null : r.simulate().toAbsolutePath().toString(),
        "batches", r.batches(), "max_parallel", r.maxParallel(), "max_failures", r.maxFailures(), "max_unreachable", r.maxUnreachable(),
        "yes", r.yes(), "rules", s.rules().describe(), "hosts", hosts);
  }

  /**
   * A rollout as its journal left it: hosts that finished stay finished, a host with a run id is
   * one whose run may exist on the host (resolved from the host's journal, never started again).
   */
  @SuppressWarnings("unchecked")
  public static Rollout.Settings restore(Path fleetDir, boolean yes) throws IOException, UsageException, InvalidInputException {
    List<Map<String, Object>> records = FleetJournal.read(fleetDir);
    if (records.isEmpty() || !"fleet-started".equals(records.get(0).get("type"))) {
      throw new UsageException(List.of(fleetDir + " holds no rollout's journal"));
    }
    Map<String, Object> st = records.get(0);
    Path playbook = Path.of(String.valueOf(st.get("playbook")));
    Playbook pb = runbook.lint.RunReadiness.load(playbook);
    List<HostState> hosts = new ArrayList<>();
    Map<String, HostState> byName = new LinkedHashMap<>();
    Map<String, Map<String, String>> params = new LinkedHashMap<>();
    Map<String, Bundle> bundles = new LinkedHashMap<>();
    Path simulate = st.get("simulate") == null ? null : Path.of(String.valueOf(st.get("simulate")));
    for (Object o : (List<Object>) st.get("hosts")) {
      Map<String, Object> m = (Map<String, Object>) o;
      String name = String.valueOf(m.get("name"));
      Inventory.Host h = new Inventory.Host(name, (String) m.get("address"), m.get("port") instanceof Number n ? n.intValue() : null,
          (String) m.get("user"), (String) m.get("command"), Map.of(), false, Map.of(), null);
      HostState hs = new HostState(h);
      hosts.add(hs);
      byName.put(name, hs);
      Map<String, String> p = new LinkedHashMap<>();
      ((Map<String, Object>) m.getOrDefault("params", Map.of())).forEach((k, v) -> p.put(k, String.valueOf(v)));
      params.put(name, p);
      bundles.put(name, Bundle.of(pb, simulate == null ? null : simulate.resolve(name + ".scenario.yaml")));
    }
    String sha = bundles.values().iterator().next().files().get(0).sha256();
    if (!sha.equals(st.get("sha256"))) {
      throw new UsageException(List.of("the playbook " + playbook + " changed since the rollout started (sha256 " + st.get("sha256")
          + ", now " + sha + "): a rollout goes on with the playbook it planned with; start a new one"));
    }
    for (Map<String, Object> rec : records) {
      HostState h = byName.get(String.valueOf(rec.get("host")));
      if (h == null) {
        continue;
      }
      switch (String.valueOf(rec.get("type"))) {
        case "host-planned" -> {
          h.verdict = (String) rec.get("verdict");
          h.path = (List<String>) rec.getOrDefault("path", List.of());
          h.confirms = (List<String>) rec.getOrDefault("confirms", List.of());
          h.message = (String) rec.get("message");
          h.planRun = (String) rec.get("plan_run");
          h.phase = phase(String.valueOf(rec.get("state")));
        }
        case "host-unreachable" -> {
          h.phase = h.run == null ? HostState.Phase.UNREACHABLE : HostState.Phase.LOST;
          h.message = (String) rec.get("message");
        }
        case "host-starting" -> {
          h.run = (String) rec.get("run");
          h.phase = HostState.Phase.STARTING;
        }
        case "host-started" -> {
          h.runDir = (String) rec.get("run_dir");
          h.pid = rec.get("pid") instanceof Number n ? n.longValue() : 0;
          h.phase = HostState.Phase.RUNNING;
        }
        case "host-lost" -> {
          h.phase = HostState.Phase.LOST;
          h.message = (String) rec.get("message");
        }
        case "host-not-started" -> {
          h.run = null;
          h.phase = HostState.Phase.PENDING;
        }
        case "host-finished" -> {
          h.outcome = (String) rec.get("outcome");
          h.message = (String) rec.get("message");
          h.durationMs = rec.get("duration_ms") instanceof Number n ? n.longValue() : -1;
          h.backups = new ArrayList<>((List<String>) rec.getOrDefault("backups", List.of()));
          h.phase = phase(String.valueOf(rec.get("state")));
        }
        default -> { }
      }
    }
    // a lost host is resolved again (from its journal); an unreachable one was never started
    for (HostState h : hosts) {
      if (h.phase == HostState.Phase.LOST) {
        h.phase = HostState.Phase.RUNNING;
      }
    }
    int total = hosts.size();
    RateRules rules = RateRules.parse((String) st.get("batches"), (String) st.get("max_parallel"), (String) st.get("max_failures"),
        (String) st.get("max_unreachable"), total);
    return new Rollout.Settings(String.valueOf(st.get("fleet")), playbook, sha, bundles, params, rules,
        yes || Boolean.TRUE.equals(st.get("yes")), hosts);
  }

  private static HostState.Phase phase(String key) {
    for (HostState.Phase p : HostState.Phase.values()) {
      if (p.key.equals(key)) {
        return p;
      }
    }
    return HostState.Phase.PENDING;
  }
}
