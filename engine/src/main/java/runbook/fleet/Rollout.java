package runbook.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import runbook.exec.EngineVersion;
import runbook.exec.RunEvent;
import runbook.json.Json;
import runbook.json.JsonException;

/**
 * A rollout: batch by batch, the plan (each host's dry run), one approval, then the real runs,
 * started detached on each host and followed through their event streams, under the rate rules.
 * The same class continues a rollout ({@code fleet resume}) and watches one ({@code fleet attach}:
 * nothing is started, nothing is journaled).
 *
 * <p>The failure rule (docs/fleet.md): before each host starts, the controller counts the failed
 * and the unreachable hosts of the whole fleet so far; when either count exceeds its limit, no
 * host starts any more, and hosts already running finish. A host's slot (of {@code --max-parallel})
 * is given back only after its outcome is counted, so with {@code --max-parallel 1} the number of
 * hosts started is exactly the position of the host whose failure exceeded the limit.
 */
public final class Rollout {
  /** Exit codes of {@code fleet run}, {@code resume}, {@code attach}: docs/fleet.md. */
  public static final int OK = 0;
  public static final int SOME_FAILED = 1;
  public static final int DECLINED = 3;
  public static final int FAILURE_LIMIT = 4;
  public static final int UNREACHABLE_LIMIT = 5;

  /** Everything a rollout needs, as journaled in {@code fleet-started} (resume reads it back). */
  public record Settings(String fleetId, Path playbook, String playbookSha, Map<String, Bundle> bundles,
      Map<String, Map<String, String>> params, RateRules rules, boolean yes, List<HostState> hosts) {}

  private final Settings s;
  private final Ssh ssh;
  private final FleetJournal journal;
  private final PrintWriter out;
  private final BufferedReader operator;
  private final boolean watchOnly;
  private final Object counts = new Object();
  private int failed;
  private int unreachable;
  private String stopReason;
  private int exitCode = OK;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "runbook-fleet");
    t.setDaemon(true);
    return t;
  });

  public Rollout(Settings s, Ssh ssh, FleetJournal journal, PrintWriter out, java.io.InputStream operator, boolean watchOnly) {
    this.s = s;
    this.ssh = ssh;
    this.journal = journal;
    this.out = out;
    this.operator = new BufferedReader(new InputStreamReader(operator, StandardCharsets.UTF_8));
    this.watchOnly = watchOnly;
  }

  /** Runs (or continues, or watches) the rollout; the exit code. */
  public int run() throws IOException, InterruptedException {
    try {
      for (HostState h : s.hosts()) {
        synchronized (h) {
          if (h.phase == HostState.Phase.FAILED) {
            failed++;
          } else if (h.phase == HostState.Phase.UNREACHABLE || h.phase == HostState.Phase.LOST) {
            unreachable++;
          }
        }
      }
      // hosts an earlier controller started: found by their run ids, never started again
      List<Future<?>> resolving = new ArrayList<>();
      for (HostState h : s.hosts()) {
        if (h.run != null && !h.phase.done()) {
          resolving.add(pool.submit(() -> resolve(h)));
        }
      }
      waitAll(resolving);
      if (!watchOnly) {
        List<List<HostState>> batches = s.rules().batches(s.hosts());
        for (int b = 0; b < batches.size() && stopReason == null; b++) {
          batch(b + 1, batches.size(), batches.get(b));
        }
      }
      return finish();
    } finally {
      pool.shutdownNow();
      for (HostState h : s.hosts()) {
        ssh.close(h.host);
      }
    }
  }

  private void batch(int number, int of, List<HostState> hosts) throws IOException, InterruptedException {
    List<HostState> todo = new ArrayList<>();
    for (HostState h : hosts) {
      h.batch = number;
      if (h.phase == HostState.Phase.PENDING || h.phase == HostState.Phase.PLANNED || h.phase == HostState.Phase.NOT_STARTED && h.run == null) {
        todo.add(h);
      }
    }
    if (todo.isEmpty()) {
      return;
    }
    if (limitExceeded()) {
      return;
    }
    out.println("batch " + number + " of " + of + ": planning " + todo.size() + (todo.size() == 1 ? " host" : " hosts")
        + " (dry runs on the hosts)");
    out.flush();
    List<Future<?>> plans = new ArrayList<>();
    Semaphore planSlots = new Semaphore(16);
    for (HostState h : todo) {
      plans.add(pool.submit(() -> {
        planSlots.acquireUninterruptibly();
        try {
          plan(h);
        } finally {
          planSlots.release();
        }
      }));
    }
    waitAll(plans);
    List<HostState> changing = new ArrayList<>();
    printPlan(number, todo);
    for (HostState h : todo) {
      if (h.phase == HostState.Phase.PLANNED && "change".equals(h.verdict)) {
        changing.add(h);
      }
    }
    if (limitExceeded()) {
      notStarted(changing);
      return;
    }
    if (changing.isEmpty()) {
      return;
    }
    if (!approve(number, changing)) {
      stop("declined", DECLINED, "batch " + number + " was not approved; nothing of it was changed");
      notStarted(changing);
      return;
    }
    Semaphore slots = new Semaphore(Math.min(s.rules().maxParallel(), changing.size()));
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < changing.size(); i++) {
      slots.acquire();
      if (limitExceeded()) {
        slots.release();
        notStarted(changing.subList(i, changing.size()));
        break;
      }
      HostState h = changing.get(i);
      running.add(pool.submit(() -> {
        try {
          startAndFollow(h);
        } finally {
          slots.release();
        }
      }));
    }
    waitAll(running);
  }

  /** Whether the failure or unreachable limit is exceeded (and the rollout stopped by it). */
  private boolean limitExceeded() {
    synchronized (counts) {
      if (stopReason != null) {
        return true;
      }
      if (failed > s.rules().maxFailures()) {
        stop("max-failures", FAILURE_LIMIT, failed + " hosts failed, more than --max-failures allows (" + s.rules().maxFailures()
            + "): no host starts any more; hosts already running finish");
        return true;
      }
      if (unreachable > s.rules().maxUnreachable()) {
        stop("max-unreachable", UNREACHABLE_LIMIT, unreachable + " hosts unreachable, more than --max-unreachable allows ("
            + s.rules().maxUnreachable() + "): no host starts any more; hosts already running finish");
        return true;
      }
      return false;
    }
  }

  private void stop(String reason, int code, String message) {
    synchronized (counts) {
      if (stopReason != null) {
        return;
      }
      stopReason = reason;
      exitCode = code;
    }
    out.println("rollout stopped: " + message);
    out.flush();
    record("fleet-stopped", map("reason", reason, "message", message));
  }

  private void notStarted(List<HostState> hosts) {
    for (HostState h : hosts) {
      synchronized (h) {
        if (h.phase == HostState.Phase.PLANNED) {
          h.phase = HostState.Phase.NOT_STARTED;
        }
      }
    }
  }

  // ---- per host ----

  private Map<String, Object> request(HostState h, String mode, String runId) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("protocol", HostAgent.PROTOCOL);
    r.put("controller", EngineVersion.get());
    r.put("mode", mode);
    r.put("run", runId);
    r.put("bundle", s.bundles().get(h.name()).toMap());
    r.put("params", s.params().get(h.name()));
    if (mode.equals("start")) {
      r.put("approve", h.confirms);
    }
    return r;
  }

  private List<String> agentCommand(HostState h) {
    return List.of(h.host.command() == null ? "runbook" : h.host.command(), "fleet", "agent");
  }

  /** Calls the host's agent; its answer, or null when the host was unreachable (recorded so). */
  @SuppressWarnings("unchecked")
  private Map<String, Object> callAgent(HostState h, String mode, String runId) throws IOException, InterruptedException {
    byte[] input = (Json.write(request(h, mode, runId)) + "\n").getBytes(StandardCharsets.UTF_8);
    Ssh.Result r = ssh.call(h.host, agentCommand(h), input, 600);
    if (r.connectionFailed()) {
      unreachable(h, r.unreachableReason());
      return null;
    }
    String last = null;
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith(HostAgent.ANSWER)) {
        last = line.substring(HostAgent.ANSWER.length());
      }
    }
    if (last == null) {
      String why = r.exit() == 127 ? "no runbook engine on the host (`" + agentCommand(h).get(0) + "` not found): install the package (docs/install.md)"
          : "the host's engine gave no fleet answer (exit " + r.exit() + "; an engine older than the fleet protocol?): "
              + r.stderr().strip().lines().findFirst().orElse("");
      return Map.of("ok", false, "problem", "engine", "message", why);
    }
    try {
      return (Map<String, Object>) Json.parse(last);
    } catch (JsonException e) {
      return Map.of("ok", false, "problem", "engine", "message", "a damaged answer from the host's engine: " + e.getMessage());
    }
  }

  private void unreachable(HostState h, String why) {
    countUnreachable(h, HostState.Phase.UNREACHABLE, why);
    record("host-unreachable", map("host", h.name(), "message", why));
  }

  /** A host not reached (never, or no longer): counted against --max-unreachable, apart from failures. */
  private void countUnreachable(HostState h, HostState.Phase phase, String why) {
    synchronized (h) {
      h.phase = phase;
      h.message = why;
    }
    synchronized (counts) {
      unreachable++;
    }
    show(h);
  }

  @SuppressWarnings("unchecked")
  private void plan(HostState h) {
    try {
      synchronized (h) {
        h.phase = HostState.Phase.PLANNING;
      }
      String runId = runbook.journal.RunId.create(java.time.Instant.now(), s.bundles().get(h.name()).playbookName());
      Map<String, Object> a = callAgent(h, "plan", runId);
      if (a == null) {
        return;
      }
      synchronized (h) {
        h.planRun = (String) a.get("run");
        if (Boolean.TRUE.equals(a.get("ok"))) {
          h.verdict = String.valueOf(a.get("verdict"));
          h.path = (List<String>) a.getOrDefault("path", List.of());
          h.confirms = (List<String>) a.getOrDefault("confirms", List.of());
          h.message = (String) a.get("message");
          h.phase = switch (h.verdict) {
            case "change" -> HostState.Phase.PLANNED;
            case "no-change" -> HostState.Phase.UNCHANGED;
            default -> HostState.Phase.REFUSED;
          };
        } else {
          // the host's engine cannot run it (version, hash, lock, invalid): that host failed
          h.verdict = "error";
          h.message = a.get("problem") + ": " + a.get("message");
          h.phase = HostState.Phase.FAILED;
        }
      }
      if (h.phase == HostState.Phase.FAILED) {
        synchronized (counts) {
          failed++;
        }
      }
      record("host-planned", map("host", h.name(), "verdict", h.verdict, "path", h.path, "confirms", h.confirms,
          "message", h.message, "plan_run", h.planRun, "state", h.phase.key));
    } catch (IOException | InterruptedException e) {
      unreachable(h, "the controller could not run ssh: " + e.getMessage());
    }
  }

  private void startAndFollow(HostState h) {
    try {
      String runId = runbook.journal.RunId.create(java.time.Instant.now(), s.bundles().get(h.name()).playbookName());
      synchronized (h) {
        h.phase = HostState.Phase.STARTING;
        h.run = runId;
        h.startedNanos = System.nanoTime();
      }
      // journaled before the host hears of it: a resume finds this run by its id, whatever happens next
      record("host-starting", map("host", h.name(), "run", runId));
      show(h);
      Map<String, Object> a = callAgent(h, "start", runId);
      if (a == null) {
        return;
      }
      if (!Boolean.TRUE.equals(a.get("ok"))) {
        finished(h, "not-started", a.get("problem") + ": " + a.get("message"), HostState.Phase.FAILED);
        return;
      }
      synchronized (h) {
        h.runDir = String.valueOf(a.get("run_dir"));
        h.pid = a.get("pid") instanceof Number n ? n.longValue() : 0;
        h.phase = HostState.Phase.RUNNING;
      }
      record("host-started", map("host", h.name(), "run", runId, "run_dir", h.runDir, "pid", h.pid > 0 ? h.pid : null));
      show(h);
      follow(h);
    } catch (IOException | InterruptedException e) {
      unreachable(h, "the controller could not run ssh: " + e.getMessage());
    }
  }

  /**
   * Follows the host's {@code events.jsonl} until its run ends. A lost connection is retried;
   * after that the host is {@code lost}: its run goes on, and {@code fleet attach} or {@code fleet
   * resume} find how it ended from its journal. When the engine's process id is known, {@code tail
   * --pid} ends the stream once that engine is gone: an engine killed without writing its end (the
   * connection still up) is then resolved from the host's journal instead of followed for ever.
   */
  private void follow(HostState h) throws IOException, InterruptedException {
    int seen = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) {
        Thread.sleep(2000L * attempt);
      }
      Path err = Files.createTempFile("runbook-follow-", ".err");
      List<String> tail = new ArrayList<>(List.of("tail", "-n", "+1", "-F"));
      if (h.pid > 0) {
        tail.add("--pid=" + h.pid);
      }
      tail.add(h.runDir + "/events.jsonl");
      Process p = ssh.stream(h.host, tail, err);
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
          if (++n <= seen) {
            continue; // replayed after a reconnect
          }
          seen = n;
          RunEvent e = parse(line);
          if (e instanceof RunEvent.StepStarted st && !st.group()) {
            synchronized (h) {
              h.step = st.step();
            }
          } else if (e instanceof RunEvent.Waiting w) {
            offPlan(h, w);
          } else if (e instanceof RunEvent.RunFinished) {
            p.destroy();
            resolveFromJournal(h);
            return;
          }
        }
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && h.pid > 0) {
          // tail ended by itself: the run's engine is gone. Its journal says whether it ended.
          if (!resolveFromJournal(h)) {
            engineGone(h);
          }
          return;
        }
      } finally {
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(err);
      }
    }
    lost(h, "the connection was lost while its run went on; `runbook fleet attach " + s.fleetId() + "` shows how it ended");
  }

  /**
   * The run's engine on the host is gone (killed, the host's out-of-memory killer) and its journal
   * has no end: the run stopped where its journal says, and the host's own tools continue it.
   * Counted as failed: the change did not complete.
   */
  private void engineGone(HostState h) {
    String host = h.host.address() != null ? h.name() + " (" + h.host.address() + ")" : h.name();
    finished(h, "stopped", "its engine on the host is gone (process " + h.pid + ") and run " + h.run
        + " recorded no end; on " + host + ": `runbook show " + h.run + "` says where it stopped, `runbook resume " + h.run
        + "` continues it", HostState.Phase.FAILED);
  }

  private void lost(HostState h, String why) {
    countUnreachable(h, HostState.Phase.LOST, why);
    record("host-lost", map("host", h.name(), "run", h.run, "message", why));
  }

  private static RunEvent parse(String line) {
    try {
      if (Json.parse(line) instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        RunEvent e = RunEvent.fromMap((Map<String, Object>) m);
        return e;
      }
    } catch (JsonException | RuntimeException e) {
      // a line being written when the connection dropped
    }
    return null;
  }

  /**
   * The run waits for a confirm: one in the plan was approved in advance, so this one is outside
   * it. The host pauses for an individual answer; with {@code --yes} (which approves plans, never
   * a step outside them) it is declined.
   */
  private void offPlan(HostState h, RunEvent.Waiting w) throws IOException, InterruptedException {
    synchronized (h) {
      h.phase = HostState.Phase.WAITING;
      h.step = w.step();
    }
    record("host-off-plan", map("host", h.name(), "run", h.run, "step", w.step()));
    show(h);
    String answer;
    if (s.yes() || watchOnly) {
      if (watchOnly) {
        out.println(h.name() + ": waits for confirm `" + w.step() + "`, outside its plan; answer it with `runbook attach " + h.run + "` on the host");
        out.flush();
        return;
      }
      answer = "no";
      out.println(h.name() + ": confirm `" + w.step() + "` is not in the approved plan; --yes never approves a step outside it: declined");
    } else {
      synchronized (operator) {
        out.println();
        out.println(h.name() + " leaves its plan: confirm `" + w.step() + "` was not in the plan you approved.");
        out.println(w.prompt().strip());
        out.print(w.typed() != null ? "type `" + w.typed() + "` to approve on " + h.name() + ", anything else declines: "
            : "approve on " + h.name() + "? [yes/no]: ");
        out.flush();
        String line = operator.readLine();
        answer = line == null ? "no" : line;
      }
    }
    out.flush();
    byte[] input = (answer + "\n").getBytes(StandardCharsets.UTF_8);
    List<String> attach = List.of(agentCommand(h).get(0), "attach", h.run, "-q", "--no-color");
    Ssh.Result r = ssh.call(h.host, attach, input, 120);
    synchronized (h) {
      h.phase = HostState.Phase.RUNNING;
    }
    record("host-answered", map("host", h.name(), "run", h.run, "step", w.step(), "exit", r.exit()));
  }

  /** Reads the host's own journal of its run: how it ended, how long it took, what it backed up. */
  @SuppressWarnings("unchecked")
  private boolean resolveFromJournal(HostState h) throws IOException, InterruptedException {
    Ssh.Result r = ssh.call(h.host, List.of("cat", h.runDir + "/journal.jsonl"), null, 60);
    if (r.connectionFailed()) {
      return false;
    }
    String outcome = null;
    String message = null;
    long duration = -1;
    List<String> backups = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      Object parsed;
      try {
        parsed = Json.parse(line);
      } catch (JsonException e) {
        continue;
      }
      if (!(parsed instanceof Map<?, ?> m)) {
        continue;
      }
      Object type = m.get("type");
      if ("run-finished".equals(type) || "run-interrupted".equals(type)) {
        outcome = String.valueOf(m.get("outcome"));
        message = m.get("message") == null ? null : String.valueOf(m.get("message"));
        duration = m.get("duration_ms") instanceof Number n ? n.longValue() : -1;
      } else if ("run-resumed".equals(type)) {
        outcome = null;
      } else if ("step-finished".equals(type) && m.get("values") instanceof Map<?, ?> v && v.get("output_file") != null
          && "ok".equals(m.get("status"))) {
        backups.add(String.valueOf(v.get("output_file")));
      }
    }
    if (outcome == null) {
      return false;
    }
    synchronized (h) {
      h.backups = backups;
      if (duration >= 0) {
        h.durationMs = duration;
      }
    }
    finished(h, outcome, message, outcome.equals("succeeded") ? HostState.Phase.SUCCEEDED : HostState.Phase.FAILED);
    return true;
  }

  private void finished(HostState h, String outcome, String message, HostState.Phase phase) {
    synchronized (h) {
      h.outcome = outcome;
      h.message = message;
      h.phase = phase;
      if (h.durationMs < 0 && h.startedNanos > 0) {
        h.durationMs = (System.nanoTime() - h.startedNanos) / 1_000_000;
      }
    }
    if (phase == HostState.Phase.FAILED) {
      synchronized (counts) {
        failed++;
      }
    }
    record("host-finished", map("host", h.name(), "run", h.run, "outcome", outcome, "message", message,
        "duration_ms", h.durationMs, "backups", h.backups, "state", phase.key));
    show(h);
  }

  /**
   * A host an earlier controller started (or was starting): its run is found by the run id
   * journaled before the start, and read from the host's journal; if it still runs, it is followed.
   * It is never started again.
   */
  private void resolve(HostState h) {
    try {
      if (h.runDir == null) {
        // the start may or may not have reached the host: its state directory says
        Ssh.Result r = ssh.call(h.host, List.of("sh", "-c", "d=${RUNBOOK_STATE_DIR:-$( [ \"$(id -u)\" = 0 ] && echo /var/lib/runbook || echo \"${XDG_STATE_HOME:-$HOME/.local/state}/runbook\")}; echo \"$d/runs/$1\"; test -s \"$d/runs/$1/journal.jsonl\"", "sh", h.run), null, 60);
        if (r.connectionFailed()) {
          lost(h, "unreachable while finding run " + h.run + ": " + r.unreachableReason());
          return;
        }
        if (r.exit() != 0) {
          // its start never reached the run: the host is as it was; it takes part again
          synchronized (h) {
            h.run = null;
            h.phase = HostState.Phase.PENDING;
          }
          record("host-not-started", map("host", h.name(), "message", "its start never reached the host"));
          return;
        }
        synchronized (h) {
          h.runDir = r.stdout().strip();
        }
      }
      if (resolveFromJournal(h)) {
        return;
      }
      synchronized (h) {
        h.phase = HostState.Phase.RUNNING;
      }
      show(h);
      follow(h);
    } catch (IOException | InterruptedException e) {
      lost(h, "the controller could not run ssh: " + e.getMessage());
    }
  }

  // ---- the operator ----

  private void printPlan(int number, List<HostState> hosts) {
    out.println("plan of batch " + number + ":");
    int w = hosts.stream().mapToInt(h -> h.name().length()).max().orElse(4);
    for (HostState h : hosts) {
      synchronized (h) {
        String what = switch (h.phase) {
          case PLANNED -> "would change: " + String.join(" > ", h.path);
          case UNCHANGED -> "nothing to change" + (h.message == null ? "" : ": " + h.message);
          case REFUSED -> "would refuse: " + firstLine(h.message);
          default -> firstLine(h.message);
        };
        out.printf("  %-" + w + "s  %-11s  %s%n", h.name(), h.phase == HostState.Phase.PLANNED ? "change" : h.phase.key, what);
      }
    }
    out.flush();
  }

  private boolean approve(int number, List<HostState> changing) throws IOException {
    String names = String.join(", ", changing.stream().map(HostState::name).toList());
    String word = changing.size() + (changing.size() == 1 ? " host" : " hosts");
    String typed = "change " + word;
    if (s.yes()) {
      out.println("batch " + number + ": " + word + " will change (" + names + "): approved by --yes");
      out.flush();
      record("batch-approved", map("batch", number, "hosts", changing.stream().map(HostState::name).toList(), "by", "--yes"));
      return true;
    }
    String line;
    synchronized (operator) {
      out.println("batch " + number + ": " + word + " will change (" + names + ").");
      out.print("type `" + typed + "` to approve, anything else stops the rollout: ");
      out.flush();
      line = operator.readLine();
    }
    boolean ok = line != null && line.strip().equals(typed);
    record(ok ? "batch-approved" : "batch-declined", map("batch", number, "hosts", changing.stream().map(HostState::name).toList(), "by", "operator"));
    return ok;
  }

  private void show(HostState h) {
    synchronized (h) {
      String elapsed = h.durationMs >= 0 ? (h.durationMs / 1000) + "s"
          : h.startedNanos > 0 ? ((System.nanoTime() - h.startedNanos) / 1_000_000_000L) + "s" : "";
      String detail = h.run != null && !h.phase.done() && h.phase != HostState.Phase.LOST ? "run " + h.run
          : h.message != null ? firstLine(h.message) : h.run != null ? "run " + h.run : "";
      synchronized (out) {
        out.printf("  %-16s %-11s %-24s %5s  %s%n", h.name(), h.phase.key, h.step == null ? "" : h.step, elapsed, detail);
        out.flush();
      }
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  // ---- the end ----

  private int finish() throws IOException {
    Map<String, Integer> totals = FleetReport.totals(s.hosts());
    int code = exitCode;
    if (code == OK) {
      for (HostState h : s.hosts()) {
        if (!(h.phase == HostState.Phase.SUCCEEDED || h.phase == HostState.Phase.UNCHANGED)) {
          code = SOME_FAILED;
        }
      }
    }
    String outcome = switch (code) {
      case OK -> "succeeded";
      case DECLINED -> "declined";
      case FAILURE_LIMIT -> "stopped-by-max-failures";
      case UNREACHABLE_LIMIT -> "stopped-by-max-unreachable";
      default -> "some-hosts-failed";
    };
    if (!watchOnly) {
      record("fleet-finished", map("outcome", outcome, "totals", totals));
    }
    out.println();
    FleetReport.printTable(out, s.hosts());
    out.println("fleet " + s.fleetId() + ": " + outcome + " (" + FleetReport.totalsLine(totals) + ")");
    if (journal != null) {
      Path md = journal.dir().resolve("report.md");
      runbook.journal.PrivateFiles.replace(md, FleetReport.markdown(s.fleetId(), outcome, s.hosts(), totals));
      runbook.journal.PrivateFiles.replace(journal.dir().resolve("report.json"), Json.writePretty(FleetReport.json(s.fleetId(), outcome, s.hosts(), totals)) + "\n");
      out.println("report: " + md);
    }
    out.flush();
    return code;
  }

  private void record(String type, Map<String, Object> fields) {
    if (journal == null || watchOnly) {
      return;
    }
    try {
      journal.write(type, fields);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write the fleet journal " + journal.dir() + ": " + e.getMessage(), e);
    }
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static void waitAll(List<Future<?>> futures) throws InterruptedException {
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }
}
