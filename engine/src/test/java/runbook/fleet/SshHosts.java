package runbook.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test hosts: real OpenSSH servers on this machine, one per host, each on its own loopback address
 * ({@code 127.77.B.N}, port 2222) with its own host key and its own runbook state directory (given to
 * its sessions by sshd's {@code SetEnv}), and the engine under test on its PATH as {@code runbook}.
 * The client side is private too: a key made here, a known_hosts with each host's key, an ssh
 * config naming every host; BatchMode everywhere, so nothing can prompt.
 */
final class SshHosts implements AutoCloseable {
  final Path root;
  final Path sshConfig;
  final Path knownHosts;
  final Path clientKey;
  final List<String> names = new ArrayList<>();
  private final List<Process> servers = new ArrayList<>();
  private final int block;

  /** {@code n} hosts named {@code prefix01...}; {@code block} (1-250) keeps the addresses of test classes apart. */
  SshHosts(Path root, String prefix, int n, int block) throws IOException, InterruptedException {
    this.root = Files.createDirectories(root);
    this.block = block;
    Path sshd = Path.of("/usr/sbin/sshd");
    if (!Files.isExecutable(sshd)) {
      throw new IllegalStateException("the fleet tests need a real OpenSSH server: apt-get install openssh-server openssh-client");
    }
    Files.createDirectories(Path.of("/run/sshd"));
    clientKey = root.resolve("client_key");
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "fleet-test", "-f", clientKey.toString());
    Path bin = Files.createDirectories(root.resolve("bin"));
    writeEngine(bin.resolve("runbook"));
    knownHosts = root.resolve("known_hosts");
    sshConfig = root.resolve("ssh_config");
    StringBuilder config = new StringBuilder();
    StringBuilder known = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      String name = String.format("%s%02d", prefix, i);
      names.add(name);
      Path dir = Files.createDirectories(root.resolve("hosts").resolve(name));
      // short: a run's control socket lives under it, and a unix socket's path has at most 108 bytes
      Path state = Files.createTempDirectory(Path.of("/tmp"), "rbh");
      Files.createSymbolicLink(dir.resolve("state"), state);
      run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
      Files.writeString(dir.resolve("sshd_config"), String.join("\n",
          "Port 2222",
          "ListenAddress " + address(i),
          "HostKey " + dir.resolve("host_key"),
          "PidFile " + dir.resolve("sshd.pid"),
          "AuthorizedKeysFile " + root.resolve("authorized_keys"),
          "StrictModes no",
          "PermitRootLogin prohibit-password",
          "PasswordAuthentication no",
          "KbdInteractiveAuthentication no",
          "UsePAM no",
          "MaxSessions 64",
          "MaxStartups 100",
          "LogLevel ERROR",
          "SetEnv PATH=" + bin + ":/usr/sbin:/usr/bin:/sbin:/bin RUNBOOK_STATE_DIR=" + state + " RUNBOOK_DETACH=setsid",
          ""));
      config.append("Host ").append(name).append("\n  HostName ").append(address(i)).append("\n  Port 2222\n  User root\n")
          .append("  IdentityFile ").append(clientKey).append("\n  IdentitiesOnly yes\n  UserKnownHostsFile ").append(knownHosts)
          .append("\n  GlobalKnownHostsFile /dev/null\n\n");
      known.append("[").append(address(i)).append("]:2222 ").append(Files.readString(dir.resolve("host_key.pub")));
    }
    Files.copy(root.resolve("client_key.pub"), root.resolve("authorized_keys"));
    Files.writeString(sshConfig, config.toString());
    Files.writeString(knownHosts, known.toString());
    for (int i = 1; i <= n; i++) {
      servers.add(null);
      start(i);
    }
  }

  String address(int i) {
    return "127.77." + block + "." + i;
  }

  Path hostDir(String name) {
    return root.resolve("hosts").resolve(name);
  }

  /** The host's runbook state directory. */
  Path state(String name) throws IOException {
    return hostDir(name).resolve("state").toRealPath();
  }

  /** Starts (again) host {@code i}'s sshd and waits until it listens. */
  void start(int i) throws IOException, InterruptedException {
    Path dir = hostDir(names.get(i - 1));
    Process p = new ProcessBuilder("/usr/sbin/sshd", "-D", "-f", dir.resolve("sshd_config").toString(), "-E", dir.resolve("sshd.log").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.out").toFile()).start();
    servers.set(i - 1, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (java.net.Socket s = new java.net.Socket(address(i), 2222)) {
        return;
      } catch (IOException e) {
        if (!p.isAlive()) {
          throw new IllegalStateException("sshd of " + names.get(i - 1) + " exited: " + Files.readString(dir.resolve("sshd.out")));
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("sshd of " + names.get(i - 1) + " does not listen on " + address(i) + ":2222");
  }

  /** Kills host {@code i}'s sshd and every session it serves: the host is gone from the network. */
  void kill(int i) throws InterruptedException {
    Process p = servers.get(i - 1);
    if (p == null) {
      return;
    }
    List<ProcessHandle> sessions = p.descendants().filter(h -> h.info().command().map(c -> c.contains("sshd")).orElse(false)).toList();
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
    sessions.forEach(ProcessHandle::destroyForcibly);
    servers.set(i - 1, null);
  }

  /** Replaces host {@code i}'s host key (as a reinstalled or impostor host would have). */
  void changeHostKey(int i) throws IOException, InterruptedException {
    kill(i);
    Path dir = hostDir(names.get(i - 1));
    Files.delete(dir.resolve("host_key"));
    Files.delete(dir.resolve("host_key.pub"));
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
    start(i);
  }

  /**
   * {@code runbook} on the hosts: the engine under test (this test's classes) in a JVM tuned to
   * start fast; every host runs the same version as the controller.
   */
  private static void writeEngine(Path file) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Files.writeString(file, "#!/bin/sh\nexec " + java + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:CICompilerCount=1 -Xshare:auto -cp '"
        + System.getProperty("java.class.path") + "' runbook.cli.Main \"$@\"\n");
    file.toFile().setExecutable(true);
  }

  static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = 1; i <= servers.size(); i++) {
      kill(i);
    }
    for (String name : names) {
      try {
        Path state = state(name);
        try (var walk = Files.walk(state)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      } catch (IOException e) {
        // already gone
      }
    }
  }
}
