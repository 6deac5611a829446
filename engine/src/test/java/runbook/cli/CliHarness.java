package runbook.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs {@link Main} as a black box with its own state directory and captures what it prints. */
final class CliHarness {
  final Path stateDir;
  final Path scratch;
  final Map<String, String> env = new HashMap<>();

  CliHarness(Path tmp) throws IOException {
    this.stateDir = Files.createDirectories(tmp.resolve("state"));
    this.scratch = Files.createDirectories(tmp.resolve("scratch"));
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", tmp.toString());
    env.put("RUNBOOK_STATE_DIR", stateDir.toString());
  }

  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), env);
    return new Result(code, out.toString(), err.toString());
  }

  static String playbook(String name) {
    try {
      return Path.of(CliHarness.class.getResource("/exec/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one run directory the harness's state directory holds. */
  Path runDir() throws IOException {
    try (Stream<Path> runs = Files.list(stateDir.resolve("runs"))) {
      List<Path> all = runs.toList();
      if (all.size() != 1) {
        throw new IllegalStateException("expected one run, found " + all);
      }
      return all.get(0);
    }
  }

  List<String> journal() throws IOException {
    return Files.readAllLines(runDir().resolve("journal.jsonl"));
  }

  /** Every file under the run directory, as text. */
  String everythingIn(Path dir) {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        b.append(Files.readString(f)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toString();
  }
}
