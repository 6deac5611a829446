package runbook.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import runbook.journal.RunDirectory;
import runbook.json.Json;
import runbook.json.JsonException;

/**
 * {@code run --detach}: starts the run in an engine of its own that no terminal owns, and returns
 * once it has started (or has failed to: its error and exit code are this command's).
 *
 * <p>Where systemd runs the host (PID 1, and {@code systemd-run} on PATH) the engine is a
 * transient unit ({@code runbook-<run id>}), so it outlives the session and shows in {@code
 * systemctl}; elsewhere it is a new session of its own ({@code setsid}). Its console output goes to
 * {@code console.log} in the run directory. The arguments and the environment (a secret param
 * may be among them) are handed over through a unix socket only this user can reach, never on the
 * new engine's command line or in a unit's properties.
 */
final class Detacher {
  private Detacher() {}

  /** The handoff socket: {@code runs/<id>/control/handoff}. */
  static Path handoff(Path stateDir, String runId) {
    return RunDirectory.runsDir(stateDir).resolve(runId).resolve("control").resolve("handoff");
  }

  /**
   * Starts {@code runbook run ARGS --run-id ID --detached} in the background; the exit code.
   *
   * @param args the run's options, paths absolute
   */
  static int start(CliContext cli, Path stateDir, String runId, List<String> args) throws IOException, InterruptedException {
    RunDirectory dir = RunDirectory.reserve(stateDir, runId);
    Path socket = handoff(stateDir, runId);
    Path consoleLog = dir.root().resolve("console.log");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    List<String> engine = engineCommand(socket);
    List<String> command = new ArrayList<>();
    boolean systemd = systemdUsable(cli.env());
    if (systemd) {
      command.addAll(List.of("systemd-run", "--unit=runbook-" + runId, "--collect", "--quiet",
          "--property=StandardOutput=append:" + consoleLog, "--property=StandardError=append:" + consoleLog,
          "--working-directory=" + Path.of("").toAbsolutePath()));
    } else {
      command.add("setsid");
    }
    command.addAll(engine);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (systemd) {
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
    } else {
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
      pb.redirectError(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
    }
    Process launcher = pb.start();
    long enginePid;
    try {
      enginePid = hand(server, args, cli.env(), launcher);
    } finally {
      server.close();
      Files.deleteIfExists(socket);
    }
    // Handed over: from here the background engine alone decides whether the run starts. It is waited
    // for as long as it lives, without a deadline: on a slow host (a JVM's start under emulation takes
    // minutes) a deadline reported "not started" for a run that began a moment later, and a fleet
    // controller counted that host as failed while its repair ran unwatched.
    Path exit = dir.root().resolve("control").resolve("exit");
    ProcessHandle background = ProcessHandle.of(enginePid).orElse(null);
    while (true) {
      boolean gone = background == null || !background.isAlive();
      if (Files.exists(dir.journal()) && Files.size(dir.journal()) > 0) {
        cli.out().println("run " + runId + " started in the background"
            + (systemd ? " as the systemd unit runbook-" + runId : " in a session of its own"));
        cli.out().println("  watch it and answer its confirms: runbook attach " + runId);
        cli.out().println("  stop it:                          runbook stop " + runId);
        cli.out().println("  its console output:               " + consoleLog);
        return ExitCodes.OK;
      }
      if (Files.exists(exit)) {
        // the engine refused to start the run: its messages and exit code are ours
        int code = Integer.parseInt(Files.readString(exit).strip());
        cli.err().print(Files.readString(consoleLog, StandardCharsets.UTF_8));
        if (!Files.exists(dir.journal())) {
          deleteTree(dir.root());
        }
        return code;
      }
      if (gone) {
        // (looked at before the files: an engine that wrote one of them and ended was seen above)
        cli.err().print(Files.readString(consoleLog, StandardCharsets.UTF_8));
        cli.err().println("error: the background engine of run " + runId + " (process " + enginePid
            + ") ended before the run started; its console output: " + consoleLog);
        return ExitCodes.FAILED;
      }
      Thread.sleep(50);
    }
  }

  /**
   * Hands the arguments and environment to the background engine once it connects; answers the
   * engine's process id, which it sends back. An engine started in a session of its own is the
   * launcher process itself and is waited for as long as it lives; one that systemd-run started as
   * a unit (systemd-run has ended) must connect within 60 seconds.
   */
  private static long hand(ServerSocketChannel server, List<String> args, Map<String, String> env, Process launcher) throws IOException {
    server.configureBlocking(false);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    SocketChannel c = null;
    while (c == null) {
      c = server.accept();
      if (c == null) {
        if (launcher.isAlive()) {
          deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        } else if (launcher.exitValue() != 0) {
          throw new IOException("the background engine could not be started (" + String.join(" ", launcher.info().command().orElse("?")) + " exited with " + launcher.exitValue() + ")");
        } else if (System.nanoTime() > deadline) {
          throw new IOException("the background engine did not start within 60 seconds after its unit was started");
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while starting the background engine");
        }
      }
    }
    try (SocketChannel client = c) {
      client.configureBlocking(true);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("args", args);
      m.put("env", env);
      runbook.exec.SocketLines.write(client, Json.write(m));
      String pid = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8)).readLine();
      try {
        return Long.parseLong(pid == null ? "" : pid.strip());
      } catch (NumberFormatException e) {
        throw new IOException("the background engine ended during the handoff (it answered " + (pid == null ? "nothing" : pid) + ")");
      }
    }
  }

  /**
   * In the background engine: the arguments and environment the detaching command handed over; this
   * engine's process id goes back, so that command waits for this process, however slow its start.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> receive(Path socket) throws IOException {
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(socket));
      String line = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8)).readLine();
      if (line == null || !(Json.parse(line) instanceof Map<?, ?> m)) {
        throw new IOException("nothing was handed over at " + socket);
      }
      runbook.exec.SocketLines.write(c, Long.toString(ProcessHandle.current().pid()));
      return (Map<String, Object>) m;
    } catch (JsonException e) {
      throw new IOException("a damaged handoff at " + socket + ": " + e.getMessage(), e);
    }
  }

  /** This JVM again (same runtime, options and class path), running {@code run --handoff SOCKET}. */
  private static List<String> engineCommand(Path socket) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--handoff", socket.toString()));
    return cmd;
  }

  /** systemd runs the host and can start a transient unit for us. */
  private static boolean systemdUsable(Map<String, String> env) {
    if ("setsid".equals(env.get("RUNBOOK_DETACH")) || !"root".equals(System.getProperty("user.name"))) {
      // a system unit is root's to start; anyone else gets a session of their own
      return false; // the operator's choice, e.g. in a container whose systemd is not ours
    }
    try {
      String init = Files.readString(Path.of("/proc/1/comm")).strip();
      return init.equals("systemd") && Files.isDirectory(Path.of("/run/systemd/system"))
          && runbook.process.ProcStat.of(1) != null && onPath("systemd-run", env.get("PATH"));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String program, String path) {
    for (String d : (path == null ? "/usr/bin:/bin" : path).split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  private static void deleteTree(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
