package runbook.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
    StringBuilder inv = new StringBuilder("fleet: 1\nhosts:\n");
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

  static final Path DRILL = Path.of("src/test/resources/fleet/drill.yaml");

  /** An inventory of hosts 1..n of the drill: each with its own marker under {@code dir}, params per host. */
  static Path drillInventory(String file, Path dir, int n, Map<String, String> extra) throws IOException {
    StringBuilder inv = new StringBuilder("fleet: 1\nparams: {seconds: \"1\"}\nhosts:\n");
    for (int i = 1; i <= n; i++) {
      String name = hosts.names.get(i - 1);
      inv.append("  ").append(name).append(":\n    params: {marker: ").append(dir.resolve(name)).append(extra.getOrDefault(name, "")).append("}\n");
    }
    return Files.writeString(tmp.resolve(file), inv.toString());
  }

  /** Real runs on the hosts (how many times each one's change was made is on disk). */
  static long realRuns(String host, String playbookName) throws IOException {
    Path runs = hosts.state(host).resolve("runs");
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    try (var list = Files.list(runs)) {
      return list.filter(d -> d.getFileName().toString().contains(playbookName)).filter(d -> {
        try {
          return !Files.readString(d.resolve("journal.jsonl")).contains("\"dry_run\":true");
        } catch (IOException e) {
          return false;
        }
      }).count();
    }
  }

  /**
   * --max-failures 1 over the whole fleet, one host at a time: hosts 1 and 3 fail, so the second
   * failure (host 3) exceeds the limit: exactly 3 hosts started, hosts 4 and 5 never did, exit 4.
   */
  @Test
  void failureLimitStopsNewHostsExactly() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("limit"));
    Path inv = drillInventory("limit.yaml", dir, 5, Map.of("pve01", ", fail: \"yes\"", "pve03", ", fail: \"yes\""));
    Path state = tmp.resolve("ctl-limit");
    Result r = fleet(InputStream.nullInputStream(), common(state, "run", "-i", inv.toString(), DRILL.toString(),
        "--max-parallel", "1", "--max-failures", "1", "--yes"));
    assertEquals(4, r.code(), "stopped by --max-failures");
    String id = fleetId(r.out());
    var records = journal(state, id);
    assertEquals(3, count(records, "host-starting"), "hosts started: the rule says 3");
    var rep = report(state, id);
    assertEquals("failed", rep.get("pve01").get("state"));
    assertEquals("succeeded", rep.get("pve02").get("state"));
    assertEquals("failed", rep.get("pve03").get("state"));
    assertEquals("not-started", rep.get("pve04").get("state"));
    assertEquals("not-started", rep.get("pve05").get("state"));
    assertFalse(Files.exists(dir.resolve("pve04.d")));
    assertTrue(r.out().contains("more than --max-failures allows (1)"), r.out());
  }

  /**
   * The connection to a host is killed while its run goes on (its sshd and every session gone):
   * the controller marks it lost and goes on; the run completes on the host, once; when the host
   * is back, `fleet attach` reads its journal and shows it succeeded.
   */
  @Test
  void connectionKilledMidRunThenAttach() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("lost"));
    Path inv = Files.writeString(tmp.resolve("lost.yaml"), "fleet: 1\nparams: {seconds: \"12\"}\nhosts:\n  pve06:\n    params: {marker: "
        + dir.resolve("pve06") + "}\n  pve07:\n    params: {marker: " + dir.resolve("pve07") + "}\n");
    Path state = tmp.resolve("ctl-lost");
    Result[] result = new Result[1];
    Thread controller = new Thread(() -> result[0] = fleet(InputStream.nullInputStream(), common(state, "run", "-i", inv.toString(),
        DRILL.toString(), "--max-unreachable", "1", "--yes")));
    controller.start();
    waitFor(() -> startedHosts(state).contains("pve07"), 240);
    hosts.kill(7);
    controller.join(TimeUnit.MINUTES.toMillis(4));
    try {
      assertEquals(1, result[0].code(), "a lost host, within --max-unreachable");
      String id = fleetId(result[0].out());
      assertEquals("lost", report(state, id).get("pve07").get("state"));
      assertEquals("succeeded", report(state, id).get("pve06").get("state"));
      // its run completes on the host all the same
      waitFor(() -> Files.isRegularFile(dir.resolve("pve07.note")), 60);
    } finally {
      hosts.start(7);
    }
    String id = fleetId(result[0].out());
    Result a = fleet(InputStream.nullInputStream(), common(state, "attach", id));
    assertTrue(Pattern.compile("pve07\\s+succeeded").matcher(a.out()).find(), a.out());
    assertEquals(0, a.code());
    assertEquals(1, realRuns("pve07", "fleet-drill"));
  }

  /**
   * The run's engine on a host is killed (SIGKILL, so it writes no end record) while the ssh
   * connection stays up and its command goes on: the controller does not follow it for ever. It
   * notices the engine is gone, reads the host's journal (no end), and reports the host failed
   * with its run id and the command that continues it, long before the run's 90 s pause ends.
   */
  @Test
  void hostEngineKilledWhileTheConnectionStaysUp() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("engine-killed"));
    Path inv = Files.writeString(tmp.resolve("engine-killed.yaml"), "fleet: 1\nparams: {seconds: \"90\"}\nhosts:\n  pve13:\n    params: {marker: "
        + dir.resolve("pve13") + "}\n");
    Path state = tmp.resolve("ctl-engine-killed");
    Result[] result = new Result[1];
    Thread controller = new Thread(() -> result[0] = fleet(InputStream.nullInputStream(), common(state, "run", "-i", inv.toString(),
        DRILL.toString(), "--max-failures", "1", "--yes")));
    controller.start();
    waitFor(() -> startedHosts(state).contains("pve13"), 240);
    String run = journal(state, fleetDirs(state).get(0)).stream().filter(x -> "host-started".equals(x.get("type")))
        .map(x -> (String) x.get("run")).findFirst().orElseThrow();
    Path lock = hosts.state("pve13").resolve("locks").resolve("fleet-drill.lock");
    waitFor(() -> Files.readString(lock).contains(run), 30);
    @SuppressWarnings("unchecked")
    long pid = (Long) ((Map<String, Object>) Json.parse(Files.readString(lock).strip())).get("pid");
    // the engine is in its pause step; its command (sleep 90) lives on in a session of its own
    long killedAt = System.nanoTime();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    try {
      controller.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(controller.isAlive(), "the controller still follows a host whose engine is gone");
      assertTrue(System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(60));
      assertEquals(1, result[0].code(), "a failed host, within --max-failures");
      String id = fleetId(result[0].out());
      var host = report(state, id).get("pve13");
      assertEquals(run, host.get("run"));
      assertEquals("failed", host.get("state"));
      assertEquals("stopped", host.get("outcome"));
      assertTrue(String.valueOf(host.get("message")).contains("runbook resume " + run), host.toString());
      assertTrue(result[0].out().contains("runbook resume " + run), "the resume command is on screen");
    } finally {
      // the run's command outlived its engine: `runbook stop` on the host ends it
      Main.execute(new String[] {"stop", run, "--state-dir", hosts.state("pve13").toString()},
          new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), InputStream.nullInputStream(), Map.of());
    }
  }

  static List<String> fleetDirs(Path state) throws IOException {
    try (var dirs = Files.list(state.resolve("fleets"))) {
      return dirs.map(d -> d.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * The controller is killed (SIGKILL) while the first host's run goes on and the others wait:
   * `fleet resume` finds the first host's run by the run id journaled before its start, reads how
   * it ended on the host (never running it again), and starts the others.
   */
  @Test
  void controllerKilledAndResumed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("resume"));
    Path inv = Files.writeString(tmp.resolve("resume.yaml"), "fleet: 1\nparams: {seconds: \"8\"}\nhosts:\n"
        + "  pve08:\n    params: {marker: " + dir.resolve("pve08") + ", note: \"it's; $(touch " + dir.resolve("pwned") + ") `id` \\\" x\"}\n"
        + "  pve09:\n    params: {marker: " + dir.resolve("pve09") + "}\n");
    Path state = tmp.resolve("ctl-resume");
    Files.createDirectories(state);
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = tmp.resolve("controller.log");
    Process controller = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "runbook.cli.Main", "fleet", "run", "-i", inv.toString(), DRILL.toString(), "--max-parallel", "1", "--yes",
        "--ssh-config", hosts.sshConfig.toString(), "--state-dir", state.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(new java.io.File("/dev/null")).start();
    try {
      waitFor(() -> startedHosts(state).contains("pve08"), 240);
    } finally {
      controller.destroyForcibly();
      controller.waitFor(30, TimeUnit.SECONDS);
    }
    String id = fleetId(Files.readString(log));
    assertFalse(startedHosts(state).contains("pve09"), "killed before the second host started");
    Result r = fleet(InputStream.nullInputStream(), common(state, "resume", id));
    assertEquals(0, r.code(), r.out());
    var rep = report(state, id);
    assertEquals("succeeded", rep.get("pve08").get("state"));
    assertEquals("succeeded", rep.get("pve09").get("state"));
    assertEquals(1, realRuns("pve08", "fleet-drill"), "the first host's run was never started again");
    assertEquals(1, realRuns("pve09", "fleet-drill"));
    var records = journal(state, id);
    assertEquals(1, records.stream().filter(x -> "host-starting".equals(x.get("type")) && "pve08".equals(x.get("host"))).count());
    // a hostile value reached the host whole: nothing split, nothing expanded
    assertEquals("it's; $(touch " + dir.resolve("pwned") + ") `id` \" x", Files.readString(dir.resolve("pve08.note")));
    assertFalse(Files.exists(dir.resolve("pwned")));
  }

  /** The transport's quoting against a real remote shell: each word arrives as one word, unexpanded. */
  @Test
  void remoteCommandWordsArriveWhole() throws Exception {
    Ssh ssh = new Ssh(hosts.sshConfig, Ssh.privateControlDir(), List.of());
    Inventory.Host h = new Inventory.Host("pve10", null, null, null, null, Map.of(), false, Map.of(), null);
    List<String> hostile = List.of("a b", "it's", "$(id)", "`id`", "x;y", "\"q\"", "*", "--", "-rf", "new\nline", "$HOME", "");
    List<String> cmd = new ArrayList<>(List.of("printf", "[%s]\\n"));
    cmd.addAll(hostile);
    Ssh.Result r = ssh.call(h, cmd, null, 60);
    StringBuilder expected = new StringBuilder();
    hostile.forEach(w -> expected.append("[").append(w).append("]\n"));
    assertEquals(expected.toString(), r.stdout());
    ssh.close(h);
  }

  @SuppressWarnings("unchecked")
  static java.util.Set<String> startedHosts(Path state) {
    java.util.Set<String> out = new java.util.HashSet<>();
    try (var dirs = Files.list(state.resolve("fleets"))) {
      for (Path d : dirs.toList()) {
        for (var rec : FleetJournal.read(d)) {
          if ("host-started".equals(rec.get("type"))) {
            out.add(String.valueOf(rec.get("host")));
          }
        }
      }
    } catch (IOException e) {
      // not there yet
    }
    return out;
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(Check c, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!c.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s");
      }
      Thread.sleep(200);
    }
  }

  /**
   * Without --yes: the batch is approved by typing what the prompt names; the host's real run then
   * reaches a confirm that was not in its plan (its input changed after the plan), pauses, and the
   * operator's individual answer reaches the run on the host. A batch not approved stops the
   * rollout with exit 3 and starts nothing.
   */
  @Test
  void typedApprovalAndAnOffPlanConfirmAnsweredForOneHost() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("interactive"));
    Path inv = Files.writeString(tmp.resolve("interactive.yaml"), "fleet: 1\nhosts:\n  pve11:\n    params: {marker: " + dir.resolve("pve11") + "}\n"
        + "  pve12:\n    params: {marker: " + dir.resolve("pve12") + "}\n");
    Path state = tmp.resolve("ctl-interactive");
    java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
    java.io.PipedInputStream in = new java.io.PipedInputStream(keys);
    StringWriter out = new StringWriter();
    int[] code = {-1};
    Thread controller = new Thread(() -> code[0] = Main.execute(new String[] {"fleet", "run", "-i", inv.toString(), DRILL.toString(),
        "--limit", "pve11", "--ssh-config", hosts.sshConfig.toString(), "--state-dir", state.toString()},
        new PrintWriter(out), new PrintWriter(out), in, Map.of()));
    controller.start();
    waitFor(() -> out.toString().contains("type `change 1 host` to approve"), 240);
    Files.writeString(dir.resolve("pve11.extra"), "one more thing\n"); // after the plan: the run will leave it
    keys.write("change 1 host\n".getBytes());
    keys.flush();
    waitFor(() -> out.toString().contains("pve11 leaves its plan: confirm `confirm_extra`"), 240);
    keys.write("yes\n".getBytes());
    keys.flush();
    controller.join(TimeUnit.MINUTES.toMillis(4));
    System.out.println(out);
    assertEquals(0, code[0], out.toString());
    String id = fleetId(out.toString());
    var rep = report(state, id);
    assertEquals("succeeded", rep.get("pve11").get("state"));
    var records = journal(state, id);
    assertEquals("operator", records.stream().filter(x -> "batch-approved".equals(x.get("type"))).findFirst().orElseThrow().get("by"));
    assertEquals(1, count(records, "host-off-plan"));
    String hostJournal = Files.readString(hosts.state("pve11").resolve("runs").resolve((String) rep.get("pve11").get("run")).resolve("journal.jsonl"));
    assertTrue(hostJournal.contains("\"decision\":{\"approved\":true,") && hostJournal.contains("attach"), "answered through attach on the host");

    Result declined = fleet(new java.io.ByteArrayInputStream("yes\n".getBytes()), common(state, "run", "-i", inv.toString(), DRILL.toString(), "--limit", "pve12"));
    assertEquals(3, declined.code(), "only the typed text approves");
    assertEquals(0, count(journal(state, fleetId(declined.out())), "host-starting"));
    assertEquals(0, realRuns("pve12", "fleet-drill"));
  }
}
