package runbook.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code runbook ARGS} in a JVM of its own, so a test can kill it (SIGKILL, SIGINT) the way a
 * power cut or an operator would, which cannot be done to the test's own JVM.
 */
final class EngineProcess {
  private EngineProcess() {}

  /** Starts the engine with the harness's state directory; stdout and stderr go to files in {@code logs}. */
  static Process start(CliHarness cli, Path logs, String... args) throws IOException {
    return start(cli, logs, List.of(), args);
  }

  /** The same, with more options for the JVM. */
  static Process start(CliHarness cli, Path logs, List<String> jvmOptions, String... args) throws IOException {
    return start(cli, logs, jvmOptions, java.util.Map.of(), args);
  }

  /** The same, with more variables in the engine's environment. */
  static Process start(CliHarness cli, Path logs, List<String> jvmOptions, java.util.Map<String, String> env,
      String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "runbook.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("RUNBOOK_STATE_DIR", cli.stateDir.toString());
    pb.environment().putAll(env);
    pb.redirectOutput(logs.resolve("out.txt").toFile());
    pb.redirectError(logs.resolve("err.txt").toFile());
    return pb.start();
  }

  /**
   * SIGKILL to the engine and to every process it started, as a power cut would stop them all:
   * its commands run in sessions of their own and would otherwise live on. A command started in the
   * instant between listing the engine's children and killing the engine is found by {@code marker},
   * a text its command line holds, and what it forks after that by its session.
   */
  static void killTree(Process engine, String marker) throws InterruptedException {
    // A power cut leaves nothing running. The engine starts each command in a session of its own
    // (setsid), and a command may be forking at the moment of the kill, so one look at the process
    // tree can miss a child: kill by session, and look again until three looks in a row find nothing.
    long own = sessionOf(ProcessHandle.current());
    // Stop the engine first: a child it forks between the look at its descendants and its death would
    // be reparented, make its own session and escape every later look. A stopped engine forks nothing,
    // and a child already forked is its descendant.
    try {
      signal(engine, "STOP");
    } catch (IOException e) {
      throw new IllegalStateException("cannot stop the engine before the power cut", e);
    }
    java.util.Set<Long> sessions = new java.util.HashSet<>();
    int quiet = 0;
    for (int round = 0; round < 100 && quiet < 3; round++) {
      List<ProcessHandle> tree = new ArrayList<>(engine.descendants().toList());
      engine.destroyForcibly();
      ProcessHandle.allProcesses()
          .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false)
              || sessions.contains(sessionOf(h)))
          .forEach(tree::add);
      tree.removeIf(h -> h.pid() == ProcessHandle.current().pid() || !h.isAlive());
      for (ProcessHandle h : tree) {
        long sid = sessionOf(h);
        if (sid > 0 && sid != own) {
          sessions.add(sid);
        }
      }
      tree.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle h : tree) {
        h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
      }
      quiet = tree.isEmpty() && !engine.isAlive() ? quiet + 1 : 0;
      Thread.sleep(50);
    }
    engine.waitFor(30, TimeUnit.SECONDS);
  }

  /** The session id of a process ({@code /proc/PID/stat}, field 6), or -1 once it is gone. */
  private static long sessionOf(ProcessHandle h) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[3]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Sends a signal by name ({@code INT}, {@code TERM}) with {@code kill}, which Java cannot do for SIGINT. */
  static void signal(Process p, String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start().waitFor();
  }
}
