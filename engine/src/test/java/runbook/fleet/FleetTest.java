package runbook.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.cli.Main;
import runbook.json.Json;

/**
 * {@code runbook fleet} against 20 real OpenSSH servers on loopback addresses ({@link SshHosts}),
 * each host with its own host key and state directory; the engine on each is the one under test.
 * Rollouts of the shipped repair are rehearsed with one scenario per host (so verdicts differ);
 * the faults (unreachable host, changed host key, connection killed mid-run, failure limit,
 * controller killed) use real runs of a small playbook that changes only a file of the test.
 */
class FleetTest {
  static final int N = 20;
  @TempDir static Path tmp;
  static SshHosts hosts;
  static final Path REPAIR = Path.of("../playbooks/thin-pool-metadata-repair.yaml");
  static final Path SCENARIOS = Path.of("../playbooks/scenarios");

  @BeforeAll
  static void hosts() throws Exception {
    hosts = new SshHosts(tmp.resolve("lab"), "pve", N, 201);
  }

  @AfterAll
  static void stop() throws Exception {
    if (hosts != null) {
      hosts.close();
    }
  }

  record Result(int code, String out, String err) {}

  static Result fleet(InputStream in, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> a = new ArrayList<>(List.of("fleet"));
    a.addAll(List.of(args));
    int code = Main.execute(a.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), in, Map.of());
    System.out.println("$ runbook " + String.join(" ", a) + "\n" + out + err + "exit " + code);
    return new Result(code, out.toString(), err.toString());
  }

  static String[] common(Path state, String... more) {
    List<String> a = new ArrayList<>(List.of(more));
    a.addAll(List.of("--ssh-config", hosts.sshConfig.toString(), "--state-dir", state.toString()));
    return a.toArray(String[]::new);
  }

  static String fleetId(String out) {
    Matcher m = Pattern.compile("fleet (\\d{8}-\\d{6}-fleet-[a-z0-9-]+): ").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> report(Path state, String id) throws Exception {
    Map<String, Object> r = (Map<String, Object>) Json.parse(Files.readString(state.resolve("fleets").resolve(id).resolve("report.json")));
    Map<String, Map<String, Object>> byHost = new java.util.LinkedHashMap<>();
    for (Object o : (List<Object>) r.get("hosts")) {
      Map<String, Object> h = (Map<String, Object>) o;
      byHost.put((String) h.get("host"), h);
    }
    byHost.put("_totals", (Map<String, Object>) r.get("totals"));
    return byHost;
  }

  static List<Map<String, Object>> journal(Path state, String id) throws IOException {
    return FleetJournal.read(state.resolve("fleets").resolve(id));
  }

  static long count(List<Map<String, Object>> records, String type) {
    return records.stream().filter(r -> type.equals(r.get("type"))).count();
  }

  /**
   * The shipped repair over 18 reachable hosts in canary batches, each simulated by its own
   * scenario: verdicts differ (change, nothing to change, would refuse), the changing hosts run
   * detached on their hosts and succeed; one host is unreachable and one has a changed host key
   * (refused, never accepted); both are counted apart from failures.
   */
  @Test
  void rehearsedRolloutOfTwentyHosts() throws Exception {
    String[] scenario = {
        "full-extend-succeeds", "healthy", "vg-too-small", "needs-check", "empty-pool-healthy",
        "unsupported-shared-vg", "strategy-swap-healthy", "data-full", "thin-tools-1x", "healthy",
        "healthy", "unsupported-lvm-too-old", "pool-status-fail", "healthy", "earlier-repair-leftovers",
        "full-extend-succeeds", "transaction-id-mismatch-stops", "healthy", "healthy", "empty-pool-healthy"};
    Path sim = Files.createDirectories(tmp.resolve("sim20"));
    StringBuilder inv = new StringBuilder("fleet: 1\nparams: {vg: pve}\nhosts:\n");
    for (int i = 1; i <= N; i++) {
      String name = hosts.names.get(i - 1);
      Files.copy(SCENARIOS.resolve(scenario[i - 1] + ".scenario.yaml"), sim.resolve(name + ".scenario.yaml"));
      inv.append("  ").append(name).append(":\n");
    }
    inv.append("groups:\n  canary: [pve01]\n");
    Path inventory = Files.writeString(tmp.resolve("twenty.yaml"), inv.toString());
    hosts.kill(18); // unreachable
    hosts.changeHostKey(19); // a changed host key: refused
    try {
      Path state = tmp.resolve("ctl-twenty");
      Result r = fleet(InputStream.nullInputStream(), common(state, "run", "-i", inventory.toString(), REPAIR.toString(),
          "--simulate", sim.toString(), "--batches", "1,5,50%", "--max-unreachable", "2", "--yes"));
      String id = fleetId(r.out());
      var rep = report(state, id);
      assertEquals(1, r.code(), "hosts refused and unreachable: exit 1, no limit exceeded");
      for (int i : new int[] {1, 4, 7, 9, 13, 16}) {
        assertEquals("succeeded", rep.get(hosts.names.get(i - 1)).get("state"), "pve" + i + " " + rep.get(hosts.names.get(i - 1)));
        assertEquals("change", rep.get(hosts.names.get(i - 1)).get("verdict"));
      }
      for (int i : new int[] {2, 5, 10, 11, 14, 20}) {
        assertEquals("unchanged", rep.get(hosts.names.get(i - 1)).get("state"), "pve" + i);
      }
      for (int i : new int[] {3, 6, 8, 12, 15, 17}) {
        assertEquals("refused", rep.get(hosts.names.get(i - 1)).get("state"), "pve" + i);
      }
      assertEquals("unreachable", rep.get("pve18").get("state"));
      assertEquals("unreachable", rep.get("pve19").get("state"));
      assertTrue(String.valueOf(rep.get("pve19").get("message")).contains("host key changed"), rep.get("pve19").toString());
      assertEquals(2, ((Number) rep.get("_totals").get("unreachable")).intValue());
      assertEquals(0, ((Number) rep.get("_totals").get("failed")).intValue());
      // the canary batch: pve01 alone, planned and approved before any other host was planned
      var records = journal(state, id);
      int firstApproval = -1;
      int secondPlan = -1;
      for (int i = 0; i < records.size(); i++) {
        if (firstApproval < 0 && "batch-approved".equals(records.get(i).get("type"))) {
          firstApproval = i;
          assertEquals(List.of("pve01"), records.get(i).get("hosts"));
        }
        if ("host-planned".equals(records.get(i).get("type")) && !"pve01".equals(records.get(i).get("host")) && secondPlan < 0) {
          secondPlan = i;
        }
      }
      assertTrue(firstApproval >= 0 && firstApproval < secondPlan, "batch 1 approved before batch 2 was planned");
      // each changing host's run happened on the host, once, in its own state directory
      String run = (String) rep.get("pve01").get("run");
      assertTrue(Files.isRegularFile(hosts.state("pve01").resolve("runs").resolve(run).resolve("journal.jsonl")));
      assertTrue(r.out().contains("host key changed"), "the refusal is on screen");
    } finally {
      hosts.start(18);
    }
  }
}
