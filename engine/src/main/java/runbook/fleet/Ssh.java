package runbook.fleet;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The transport: the system {@code ssh} client, so the user's {@code ~/.ssh/config}, ProxyJump,
 * agent, Kerberos and {@code known_hosts} apply. Every call is an argument vector (no local shell);
 * the remote command is one string of single-quoted words, since ssh hands it to the remote user's
 * shell: a value never splits and nothing in it is expanded there.
 *
 * <p>Always: {@code BatchMode=yes} (never a password or passphrase prompt),
 * {@code StrictHostKeyChecking=yes} (an unknown or changed host key fails that host; it is never
 * accepted), keepalives. With connection sharing, one master connection per host
 * ({@code ControlMaster=auto}) in a private directory of mode 0700.
 */
public final class Ssh {
  /** ssh's own exit code for a connection that failed (the remote command's is passed through). */
  public static final int CONNECTION_FAILED = 255;

  private final Path config;
  private final Path controlDir;
  private final List<String> extraOptions;

  /**
   * @param config an ssh config file ({@code -F}), null for the user's own
   * @param controlDir where the shared connections' sockets go (private, 0700), null for none
   * @param extraOptions more {@code -o} options, e.g. {@code ConnectTimeout=5}
   */
  public Ssh(Path config, Path controlDir, List<String> extraOptions) {
    this.config = config;
    this.controlDir = controlDir;
    this.extraOptions = List.copyOf(extraOptions);
  }

  /** A private directory for the control sockets (short: a unix socket path has 108 bytes at most). */
  public static Path privateControlDir() throws IOException {
    return Files.createTempDirectory(Path.of("/tmp"), "runbook-ssh-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  public boolean shared() {
    return controlDir != null;
  }

  /** The argument vector of {@code ssh} running {@code remote} (words, each quoted) on {@code host}. */
  public List<String> argv(Inventory.Host host, List<String> remote) {
    List<String> a = new ArrayList<>(List.of("ssh"));
    if (config != null) {
      a.addAll(List.of("-F", config.toString()));
    }
    for (String o : List.of("BatchMode=yes", "StrictHostKeyChecking=yes", "ServerAliveInterval=5", "ServerAliveCountMax=3",
        "ConnectTimeout=10", "LogLevel=ERROR")) {
      a.addAll(List.of("-o", o));
    }
    if (controlDir != null) {
      a.addAll(List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + controlDir + "/%C", "-o", "ControlPersist=120"));
    } else {
      a.addAll(List.of("-o", "ControlMaster=no", "-o", "ControlPath=none"));
    }
    extraOptions.forEach(o -> a.addAll(List.of("-o", o)));
    if (host.port() != null) {
      a.addAll(List.of("-p", host.port().toString()));
    }
    if (host.user() != null) {
      a.addAll(List.of("-l", host.user()));
    }
    // the destination is checked by the inventory (no leading '-'); "--" ends ssh's options anyway
    a.add("--");
    a.add(host.destination());
    a.add(commandLine(remote));
    return a;
  }

  /** Words as one command line for a POSIX shell: each single-quoted, so none splits or expands. */
  public static String commandLine(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(quote(w));
    }
    return b.toString();
  }

  public static String quote(String word) {
    if (word.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a NUL cannot be passed in a command line");
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** What a call returned: the remote command's exit code, or 255 when ssh could not connect. */
  public record Result(int exit, String stdout, String stderr) {
    public boolean connectionFailed() {
      return exit == CONNECTION_FAILED;
    }

    /** Why ssh could not reach the host, in one line; null when it did. */
    public String unreachableReason() {
      if (!connectionFailed()) {
        return null;
      }
      if (stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")) {
        return "host key changed (refused: check it, then fix known_hosts; it is never accepted automatically)";
      }
      if (stderr.contains("Host key verification failed") || stderr.contains("No ED25519 host key is known")
          || stderr.contains("host key is known")) {
        return "host key unknown or not verified (refused: add it to known_hosts after checking it)";
      }
      for (String line : stderr.split("\n")) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("@") && !t.startsWith("Warning: Permanently")) {
          return t;
        }
      }
      return "ssh exited with 255";
    }
  }

  /**
   * Runs {@code remote} on {@code host}, {@code input} on its standard input; waits at most
   * {@code timeoutSeconds}. Output goes through files, not pipes: a shared connection's master
   * process lives on after the call, and must not hold a pipe the caller reads to its end.
   */
  public Result call(Inventory.Host host, List<String> remote, byte[] input, long timeoutSeconds) throws IOException, InterruptedException {
    Path out = Files.createTempFile("runbook-ssh-", ".out");
    Path err = Files.createTempFile("runbook-ssh-", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(argv(host, remote));
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      if (input == null) {
        pb.redirectInput(new File("/dev/null"));
      }
      Process p = pb.start();
      if (input != null) {
        try (OutputStream o = p.getOutputStream()) {
          o.write(input);
        } catch (IOException e) {
          // the remote end closed early: its exit code and stderr say why
        }
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return new Result(CONNECTION_FAILED, "", "no answer within " + timeoutSeconds + " s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Starts {@code remote} on {@code host} with its stdout readable as it comes (following a stream). */
  public Process stream(Inventory.Host host, List<String> remote, Path stderr) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv(host, remote));
    pb.redirectInput(new File("/dev/null"));
    pb.redirectError(stderr.toFile());
    return pb.start();
  }

  /** Ends the shared connection to {@code host}, if any. */
  public void close(Inventory.Host host) {
    if (controlDir == null) {
      return;
    }
    List<String> a = argv(host, List.of("true"));
    a.remove(a.size() - 1);
    a.addAll(a.indexOf("--"), List.of("-O", "exit"));
    try {
      Process p = new ProcessBuilder(a).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // nothing to close
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
