package runbook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import runbook.exec.UsageException;

/**
 * Param values that must not be on the command line, where every local user reads them in
 * {@code /proc/PID/cmdline}: {@code --set-from-file NAME=FILE} ({@code -} for standard input) and
 * {@code --set-from-env NAME=VAR}.
 */
final class SecretOptions {
  /** A value read from a file is a token or a password, not a dump: larger files are refused. */
  static final int MAX_BYTES = 1 << 20;

  @Option(names = "--set-from-file", paramLabel = "NAME=FILE",
      description = "Set a param to the contents of FILE (- for standard input), one trailing newline removed; keeps secrets out of the process list.")
  private List<String> fromFiles = new ArrayList<>();

  @Option(names = "--set-from-env", paramLabel = "NAME=VAR",
      description = "Set a param to the value of the environment variable VAR; keeps secrets out of the process list.")
  private List<String> fromEnv = new ArrayList<>();

  /** The names given with {@code --set-from-file} and {@code --set-from-env}, without reading a value. */
  java.util.Set<String> names() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (List<String> given : List.of(fromFiles, fromEnv)) {
      for (String g : given) {
        int eq = g.indexOf('=');
        if (eq > 0) {
          out.add(g.substring(0, eq));
        }
      }
    }
    return out;
  }

  /** The values given this way, by param name; every problem reported together. */
  Map<String, String> read(CliContext cli) throws UsageException {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String s : fromFiles) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        problems.add("bad --set-from-file `" + s + "`: expected NAME=FILE, e.g. --set-from-file token=/root/token");
        continue;
      }
      String file = s.substring(eq + 1);
      try {
        out.put(s.substring(0, eq), withoutNewline(file.equals("-") ? readAll(cli.in(), "standard input") : readFile(Path.of(file))));
      } catch (IOException e) {
        problems.add("--set-from-file " + s.substring(0, eq) + ": cannot read " + file + ": " + e.getMessage());
      }
    }
    for (String s : fromEnv) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        problems.add("bad --set-from-env `" + s + "`: expected NAME=VAR, e.g. --set-from-env token=API_TOKEN");
        continue;
      }
      String var = s.substring(eq + 1);
      String value = cli.env().get(var);
      if (value == null) {
        problems.add("--set-from-env " + s.substring(0, eq) + ": the environment has no variable " + var);
      } else {
        out.put(s.substring(0, eq), value);
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    return out;
  }

  private static String readFile(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException("it is a directory");
    }
    if (!Files.exists(file)) {
      throw new IOException("no such file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return readAll(in, file.toString());
    }
  }

  /** At most {@link #MAX_BYTES}: a device such as /dev/zero must not fill the memory. */
  private static String readAll(InputStream in, String what) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new IOException(what + " holds more than " + MAX_BYTES + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String withoutNewline(String s) {
    return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
