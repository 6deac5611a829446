package runbook.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import runbook.json.Json;
import runbook.json.JsonException;

/**
 * How {@code runbook attach} answers a running run's questions: a unix socket in the run directory
 * ({@code control/socket}, in a directory only the run's owner can enter), served by the engine.
 * Only a process of the run's own user (or root) is accepted, checked with the peer's credentials,
 * and only one answerer at a time: a second {@code attach} watches but cannot answer.
 *
 * <p>The protocol is JSON Lines. The client says {@code {"hello":"attach","pid":N,"tty":T}} and
 * is told {@code {"ok":true}} or {@code {"ok":false,"message":...}}; then each {@code
 * {"answer":TEXT}} is given to the question that waits, and {@code {"message":...}} comes back when
 * it was not one (no question waits, or "answer yes or no"). What was asked and how it was
 * answered, the client reads from {@code events.jsonl}.
 */
public final class ControlChannel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);

  private final Path socket;
  private final ServerSocketChannel server;
  private final TerminalPrompter prompter;
  private final String owner;
  private final Object slot = new Object();
  private SocketChannel answerer;
  private String answererName;

  private ControlChannel(Path socket, ServerSocketChannel server, TerminalPrompter prompter, String owner) {
    this.socket = socket;
    this.server = server;
    this.prompter = prompter;
    this.owner = owner;
  }

  /** {@code <run>/control/socket}. */
  public static Path socket(Path runDir) {
    return runDir.resolve("control").resolve("socket");
  }

  /**
   * Serves the run's questions from {@code prompter}; null (and a line in the log) when the socket
   * cannot be made, e.g. its path is longer than a unix socket's 107 bytes.
   */
  public static ControlChannel open(Path runDir, TerminalPrompter prompter) {
    Path dir = runDir.resolve("control");
    Path socket = socket(runDir);
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      Files.deleteIfExists(socket); // left by an engine that died; nobody serves it
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      ControlChannel c = new ControlChannel(socket, server, prompter, System.getProperty("user.name"));
      Thread t = new Thread(c::serve, "runbook-control");
      t.setDaemon(true);
      t.start();
      return c;
    } catch (IOException | RuntimeException e) {
      LOG.warn("no control channel at {}: {}; runbook attach can watch this run but not answer it", socket, e.toString());
      return null;
    }
  }

  private void serve() {
    while (server.isOpen()) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread t = new Thread(() -> talk(client), "runbook-control-client");
      t.setDaemon(true);
      t.start();
    }
  }

  private void talk(SocketChannel client) {
    try (client) {
      SocketChannel out = client;
      BufferedReader in = SocketLines.reader(client);
      UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
      String user = peer.user().getName();
      if (!user.equals(owner) && !user.equals("root")) {
        send(out, Map.of("ok", false, "message", "this run belongs to " + owner + "; only they (or root) can answer it"));
        return;
      }
      Map<String, Object> hello = read(in);
      if (hello == null) {
        return;
      }
      String name = "attach (user " + user + ", pid " + hello.getOrDefault("pid", "?") + ", terminal " + hello.getOrDefault("tty", "none") + ")";
      synchronized (slot) {
        if (answerer != null && answerer.isOpen()) {
          send(out, Map.of("ok", false, "message", "another attach answers this run: " + answererName + "; you can watch"));
          return;
        }
        answerer = client;
        answererName = name;
      }
      LOG.info("{} attached", name);
      send(out, Map.of("ok", true));
      try {
        Map<String, Object> m;
        while ((m = read(in)) != null) {
          if (m.get("answer") instanceof String text) {
            boolean taken = prompter.offer(text, name, reply -> sendQuietly(out, Map.of("message", reply)));
            if (!taken) {
              send(out, Map.of("message", "no question is waiting for an answer"));
            }
          }
        }
      } finally {
        synchronized (slot) {
          if (answerer == client) {
            answerer = null;
          }
        }
        LOG.info("{} left", name);
      }
    } catch (IOException | RuntimeException e) {
      // the client went away: leaving attach never stops the run
    }
  }

  private static Map<String, Object> read(BufferedReader in) throws IOException {
    String line = in.readLine();
    if (line == null) {
      return null;
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = Json.parse(line) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
      return m;
    } catch (JsonException e) {
      return Map.of();
    }
  }

  private static void send(SocketChannel out, Map<String, Object> message) throws IOException {
    SocketLines.write(out, Json.write(new LinkedHashMap<>(message)));
  }

  private static void sendQuietly(SocketChannel out, Map<String, Object> message) {
    try {
      send(out, message);
    } catch (IOException e) {
      // the answerer left
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // the run is ending anyway
    }
  }
}
