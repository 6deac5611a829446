package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated playbooks, variants and scenarios through the command line, as a careless author or a
 * fuzzer would write them: every result must be a clean exit (0, or 1 with findings) whose every
 * error names a position ({@code file:line:col}); never an internal error, a stack overflow, an
 * out-of-memory error or a hang.
 *
 * <p>The corpus is the shipped playbook and its scenarios, the examples and their variants, and the
 * tests' own playbooks, variants and scenarios, copied into a scratch tree so a variant's
 * {@code extends} still finds its base. Each case mutates one file
 * of it (a few edits drawn from {@link #mutate}) and lints it; every eighth scenario case is also
 * rehearsed with {@code test}. Seeded and reproducible: {@code -Dfuzz.seed=N} and
 * {@code -Dfuzz.cases=N} repeat or widen a run; a failure names its seed and case.
 */
class FuzzTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final long SEED = Long.getLong("fuzz.seed", 20261203L);
  private static final int CASES = Integer.getInteger("fuzz.cases", 2000);
  private static final Pattern POSITIONED = Pattern.compile("^\\S.*:\\d+:\\d+: (error|warning)\\[[a-z0-9-]+\\]: .+", Pattern.MULTILINE);
  private static final String[] TOKENS = {
    "[", "]", "{", "}", ":", ": ", "- ", "${", "}", "$${", "'", "\"", "&a ", "*a", "!!str ", "!!binary ", "? ", "|", ">-",
    "\t", "\u0000", "\u00e9", "\uFEFF", "#", "---\n", "...\n", "%YAML 1.1\n", "<<: *a\n", "@", "`", "\\", "\r", "\n",
    "size(", "matches(", "[[[[", "((((", "~", "null", "true", "-1", "9999999999999999999999", "1e999", "0x", ".nan",
    "when: ", "run: ", "shell: true", "extends: ", "steps: ", "id: ", "changes: ", "output-file: ", "capture: ",
  };

  @TempDir Path tmp;

  @Test
  void everyMutatedFileEndsInACleanExitWithPositionedMessages() throws IOException {
    Path tree = tmp.resolve("tree");
    List<Path> corpus = copyCorpus(tree);
    Map<Path, String> originals = new java.util.HashMap<>();
    for (Path f : corpus) {
      originals.put(f, Files.readString(f));
    }
    List<Path> shipped = corpus.stream().filter(p -> !tree.relativize(p).startsWith("engine")).toList();
    List<Path> small = corpus.stream().filter(p -> tree.relativize(p).startsWith("engine")).toList();
    Random random = new Random(SEED);
    Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "HOME", tmp.toString(),
        "RUNBOOK_STATE_DIR", tmp.resolve("state").toString());
    List<String> failures = new ArrayList<>();
    int linted = 0;
    int tested = 0;
    int withErrors = 0;
    long started = System.nanoTime();
    for (int c = 0; c < CASES && failures.size() < 5; c++) {
      // the shipped files are large (a scenario loads the 800-line repair): one case in five
      List<Path> from = random.nextInt(5) == 0 ? shipped : small;
      Path file = from.get(random.nextInt(from.size()));
      String mutant = mutate(originals.get(file), random);
      Files.writeString(file, mutant, StandardCharsets.UTF_8);
      try {
        Outcome lint = run(env, "lint", file.toString());
        linted++;
        String problem = problem(lint, file);
        withErrors += lint.code == 1 ? 1 : 0;
        if (problem == null && file.getFileName().toString().endsWith(".scenario.yaml") && c % 8 == 0) {
          Outcome test = run(env, "test", file.toString());
          tested++;
          problem = test.code == 0 || test.code == 1 ? internal(test) : "exit " + test.code;
        }
        if (problem != null) {
          failures.add("seed " + SEED + " case " + c + " (" + tree.relativize(file) + "): " + problem
              + "\n--- mutant ---\n" + abbreviate(mutant) + "\n--- output ---\n" + abbreviate(lint.out + lint.err));
        }
      } finally {
        Files.writeString(file, originals.get(file), StandardCharsets.UTF_8);
      }
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("fuzz: seed %d, %d files linted (%d with errors), %d scenarios rehearsed, %d ms, %d failures%n",
        SEED, linted, withErrors, tested, ms, failures.size());
    assertEquals(List.of(), failures);
    assertTrue(linted >= Math.min(CASES, 2000));
  }

  /** Why the result is not clean, or null when it is. */
  private static String problem(Outcome o, Path file) {
    if (o.code != 0 && o.code != 1) {
      return "exit " + o.code;
    }
    String internal = internal(o);
    if (internal != null) {
      return internal;
    }
    if (o.code == 1 && !POSITIONED.matcher(o.out).find()) {
      return "exit 1 without a positioned error";
    }
    for (String line : o.out.split("\n")) {
      if (line.contains("error[") && !POSITIONED.matcher(line).matches()) {
        return "an error without a position: " + line;
      }
    }
    return null;
  }

  private static String internal(Outcome o) {
    String all = o.out + o.err;
    if (o.thrown != null) {
      return "threw " + o.thrown;
    }
    for (String sign : List.of("internal error", "lint-internal", "StackOverflowError", "OutOfMemoryError", "\tat ")) {
      if (all.contains(sign)) {
        return "printed `" + sign.strip() + "`";
      }
    }
    return null;
  }

  /** One to three edits: a token inserted, a line removed, doubled, re-indented or cut, a byte flipped, deep nesting. */
  static String mutate(String text, Random r) {
    StringBuilder b = new StringBuilder(text);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = b.length() == 0 ? 0 : r.nextInt(b.length());
      int lineStart = b.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
      int lineEnd = b.indexOf("\n", at);
      lineEnd = lineEnd < 0 ? b.length() : lineEnd + 1;
      switch (r.nextInt(9)) {
        case 0, 1 -> b.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
        case 2 -> b.delete(lineStart, lineEnd);
        case 3 -> b.insert(lineStart, b.substring(lineStart, lineEnd));
        case 4 -> b.insert(lineStart, " ".repeat(1 + r.nextInt(4)));
        case 5 -> b.setLength(at);
        case 6 -> {
          if (at < b.length()) {
            b.setCharAt(at, (char) (32 + r.nextInt(95)));
          }
        }
        case 7 -> {
          int depth = 50 + r.nextInt(400);
          String open = r.nextBoolean() ? "[" : r.nextBoolean() ? "(" : "{";
          String close = open.equals("[") ? "]" : open.equals("(") ? ")" : "}";
          b.insert(at, open.repeat(depth) + "1" + close.repeat(r.nextInt(depth + 1)));
        }
        default -> {
          // a line moved elsewhere
          String line = b.substring(lineStart, lineEnd);
          b.delete(lineStart, lineEnd);
          b.insert(b.length() == 0 ? 0 : r.nextInt(b.length()), line);
        }
      }
    }
    return b.toString();
  }

  private record Outcome(int code, String out, String err, Throwable thrown) {}

  private static Outcome run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try {
      int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), env);
      return new Outcome(code, out.toString(), err.toString(), null);
    } catch (Throwable t) {
      return new Outcome(-1, out.toString(), err.toString(), t);
    }
  }

  private static List<Path> copyCorpus(Path tree) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String top : List.of("playbooks", "examples", "engine/src/test/resources")) {
      try (Stream<Path> walk = Files.walk(ROOT.resolve(top))) {
        for (Path f : walk.filter(Files::isRegularFile).toList()) {
          Path copy = tree.resolve(ROOT.relativize(f).toString());
          Files.createDirectories(copy.getParent());
          Files.copy(f, copy);
          String n = f.getFileName().toString();
          if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            out.add(copy);
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 3000 ? s : s.substring(0, 1500) + "\n[...]\n" + s.substring(s.length() - 1500);
  }
}
