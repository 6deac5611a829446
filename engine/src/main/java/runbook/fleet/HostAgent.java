package runbook.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.exec.EngineVersion;
import runbook.journal.JournalReader;
import runbook.journal.PrivateFiles;
import runbook.journal.RunDirectory;
import runbook.journal.RunId;
import runbook.journal.StateDirectory;
import runbook.json.Json;
import runbook.model.ConfirmStep;
import runbook.model.Playbook;
import runbook.model.Step;

/**
 * The host's side of {@code runbook fleet}: one engine start per call does everything the call
 * needs, since a JVM start costs a second or more. It reads one JSON request on stdin (the bundle,
 * the params, what to do), checks that this engine is compatible with the controller's, writes the
 * bundle's files under the state directory and checks each one's sha256, then either
 * <ul>
 *   <li>{@code plan}: runs the playbook's dry run here (the read-only steps for real) and answers
 *       the verdict, the path and the confirms the real run would ask, or</li>
 *   <li>{@code start}: starts the real run detached ({@code run --detach}: its own journal, lock
 *       and session; losing the controller or the connection loses nothing), the plan's confirms
 *       approved, and answers its run id and directory.</li>
 * </ul>
 * The answer is the last line of stdout: {@code runbook-fleet-agent {json}}.
 */
public final class HostAgent {
  public static final String PROTOCOL = "1";
  public static final String ANSWER = "runbook-fleet-agent ";

  /** The engine's command line, in this process (the cli package passes it in). */
  public interface Engine {
    int execute(List<String> args, PrintWriter out, PrintWriter err);
  }

  private HostAgent() {}

  /** Two engines work together when their major and minor versions are equal. */
  public static boolean compatible(String controller, String host) {
    return majorMinor(controller).equals(majorMinor(host));
  }

  private static String majorMinor(String v) {
    String[] p = v.split("\\.");
    return p.length >= 2 ? p[0] + "." + p[1] : v;
  }

  /** Serves one request; returns this process's exit code (0: the answer says how it went). */
  @SuppressWarnings("unchecked")
  public static int serve(InputStream in, PrintWriter out, Map<String, String> env, Engine engine) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("version", EngineVersion.get());
    try {
      String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (line == null || !(Json.parse(line) instanceof Map<?, ?> req)) {
        return refuse(out, answer, "request", "no request on standard input");
      }
      Map<String, Object> r = (Map<String, Object>) req;
      if (!PROTOCOL.equals(String.valueOf(r.get("protocol")))) {
        return refuse(out, answer, "version", "the controller speaks fleet protocol " + r.get("protocol") + ", this engine " + PROTOCOL);
      }
      String controller = String.valueOf(r.get("controller"));
      if (!compatible(controller, EngineVersion.get())) {
        return refuse(out, answer, "version", "this host runs runbook " + EngineVersion.get() + ", the controller " + controller
            + ": install the same major.minor version on the host (docs/install.md)");
      }
      String runId = String.valueOf(r.get("run"));
      if (!RunId.isValid(runId)) {
        return refuse(out, answer, "request", "not a run id: " + runId);
      }
      Path state = StateDirectory.resolve(null, env, System.getProperty("user.name"), Path.of(System.getProperty("user.home")));
      StateDirectory.prepare(state);
      Path dir = unpack(state, (Map<String, Object>) r.get("bundle"), answer);
      if (dir == null) {
        return refuse(out, answer, "hash", String.valueOf(answer.remove("message")));
      }
      Map<String, Object> b = (Map<String, Object>) r.get("bundle");
      Path playbook = dir.resolve(String.valueOf(b.get("playbook")));
      List<String> args = new ArrayList<>(List.of("run", playbook.toString(), "--run-id", runId, "-q", "--no-color"));
      if (b.get("scenario") != null) {
        args.addAll(List.of("--simulate", dir.resolve(String.valueOf(b.get("scenario"))).toString()));
      }
      ((Map<String, Object>) r.getOrDefault("params", Map.of())).forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
      String mode = String.valueOf(r.get("mode"));
      RunDirectory run = RunDirectory.open(state, runId);
      answer.put("run", runId);
      answer.put("run_dir", run.root().toString());
      StringWriter console = new StringWriter();
      StringWriter errors = new StringWriter();
      if (mode.equals("plan")) {
        args.add("--dry-run");
        int code = engine.execute(args, new PrintWriter(console), new PrintWriter(errors));
        answer.put("exit", code);
        plan(run, playbook, code, errors.toString(), answer);
      } else if (mode.equals("start")) {
        ((List<Object>) r.getOrDefault("approve", List.of())).forEach(a -> args.addAll(List.of("--approve", String.valueOf(a))));
        args.add("--detach");
        int code = engine.execute(args, new PrintWriter(console), new PrintWriter(errors));
        answer.put("exit", code);
        answer.put("ok", code == 0);
        if (code == 0) {
          // the controller follows the run's events until this process is gone (`tail --pid`): an
          // engine killed without its end record is noticed, not waited for
          long pid = runbook.state.RunCatalog.enginePid(state, runId);
          if (pid > 0) {
            answer.put("pid", pid);
          }
        } else {
          answer.put("problem", code == 75 ? "locked" : "start");
          answer.put("message", firstLines(errors.toString()));
        }
      } else {
        return refuse(out, answer, "request", "unknown mode " + mode);
      }
      out.println(ANSWER + Json.write(answer));
      out.flush();
      return 0;
    } catch (IOException | RuntimeException | runbook.json.JsonException e) {
      return refuse(out, answer, "agent", e.toString());
    }
  }

  private static int refuse(PrintWriter out, Map<String, Object> answer, String problem, String message) {
    answer.put("ok", false);
    answer.put("problem", problem);
    answer.put("message", message);
    out.println(ANSWER + Json.write(answer));
    out.flush();
    return 0;
  }

  /**
   * Writes the bundle under {@code fleet/<bundle sha256>/} and checks every file's sha256 on what
   * is on disk; null (and the reason in {@code answer}) when one does not match or a path leaves
   * the bundle.
   */
  @SuppressWarnings("unchecked")
  private static Path unpack(Path state, Map<String, Object> bundle, Map<String, Object> answer) throws IOException {
    List<Map<String, Object>> files = (List<Map<String, Object>>) bundle.get("files");
    StringBuilder id = new StringBuilder();
    files.forEach(f -> id.append(f.get("path")).append('\0').append(f.get("sha256")).append('\n'));
    Path fleet = state.resolve("fleet");
    if (!Files.isDirectory(fleet)) {
      PrivateFiles.createDirectory(fleet);
    }
    Path dir = fleet.resolve("bundle-" + Bundle.sha256(id.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    for (Map<String, Object> f : files) {
      String path = String.valueOf(f.get("path"));
      Path target = dir.resolve(path).normalize();
      if (Path.of(path).isAbsolute() || !target.startsWith(dir)) {
        answer.put("message", "the bundle's path " + path + " leaves the bundle's directory");
        return null;
      }
      byte[] bytes = Base64.getDecoder().decode(String.valueOf(f.get("base64")));
      Path d = fleet;
      for (Path part : fleet.relativize(target.getParent())) {
        d = d.resolve(part);
        if (!Files.isDirectory(d)) {
          PrivateFiles.createDirectory(d);
        }
      }
      if (!Files.exists(target)) {
        PrivateFiles.write(target, bytes);
      }
      String onDisk = Bundle.sha256(Files.readAllBytes(target));
      if (!onDisk.equals(f.get("sha256"))) {
        answer.put("message", path + ": sha256 on the host is " + onDisk + ", the controller sent " + f.get("sha256"));
        return null;
      }
    }
    return dir;
  }

  /** The dry run's verdict: change (some step would change), no-change, or refuse (and why). */
  private static void plan(RunDirectory run, Path playbookFile, int code, String errors, Map<String, Object> answer) throws IOException {
    if (!Files.exists(run.journal())) {
      answer.put("ok", false);
      answer.put("problem", code == 75 ? "locked" : "plan");
      answer.put("message", firstLines(errors));
      return;
    }
    List<runbook.journal.JournalRecord> records;
    try {
      records = JournalReader.read(run.journal()).typed();
    } catch (runbook.journal.JournalException e) {
      throw new IOException(e.getMessage(), e);
    }
    Map<String, Step> steps = new LinkedHashMap<>();
    try {
      Playbook pb = runbook.variant.PlaybookLoader.load(playbookFile);
      pb.allSteps().forEach(s -> steps.put(s.info().id(), s));
    } catch (runbook.diag.InvalidInputException e) {
      // the dry run ran it, so it loads; without the model no confirm is known, and the real run asks each
    }
    List<String> path = new ArrayList<>();
    List<String> confirms = new ArrayList<>();
    String outcome = null;
    String message = null;
    for (runbook.journal.JournalRecord rec : records) {
      if (rec instanceof runbook.journal.JournalRecord.StepFinished f && "would-run".equals(f.status())) {
        path.add(f.step());
        if (steps.get(f.step()) instanceof ConfirmStep) {
          confirms.add(f.step());
        }
      } else if (rec instanceof runbook.journal.JournalRecord.RunEnded e && !"interrupted".equals(e.outcome())) {
        outcome = e.outcome();
        message = e.message();
      }
    }
    answer.put("ok", true);
    answer.put("outcome", outcome);
    answer.put("verdict", !"succeeded".equals(outcome) ? "refuse" : path.isEmpty() ? "no-change" : "change");
    answer.put("path", path);
    answer.put("confirms", confirms);
    if (message != null) {
      answer.put("message", message);
    }
  }

  private static String firstLines(String text) {
    String[] lines = text.strip().split("\n");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(lines.length, 6); i++) {
      b.append(i == 0 ? "" : "\n").append(lines[i]);
    }
    return b.toString();
  }
}
