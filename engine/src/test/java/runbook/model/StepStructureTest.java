package runbook.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import runbook.expr.ExprEngine;
import runbook.variant.PlaybookLoader;

/**
 * The model's structural answers cover every key of every action, as the descriptors ({@link Actions})
 * list them: for each key whose value the engine evaluates, a step that reads {@code src} there is
 * found to read {@code src} ({@link Playbook#stepsRead}); for each key that nests steps, the nested
 * step is among the step's {@link Step#children()}. A key of a type this test does not know fails it,
 * so a new action, key or nesting key cannot be missed silently.
 */
class StepStructureTest {
  /** Types whose values neither read a step nor nest steps. */
  private static final Set<String> INERT = Set.of("bool", "duration", "exit codes", "size", "text",
      "stdout, stderr or both", "aligned, delimited or json", "list or mapping of names", "list of names",
      "mapping of column types", "abort or skip",
      // accept-secret-in-argv: names of secret params or vars, never of a step
      "names");

  /** The step under test for each action, reading nothing; {@code %s} is where a step-level key goes. */
  private static final Map<String, String> BODY = Map.of(
      "run", "run: [\"true\"]",
      "assert-output", "assert-output: {of: other, that: 'true'}",
      "parse-table", "parse-table: {of: other, format: aligned}",
      "require-state", "require-state: {probe: {of: other}, that: 'true'}",
      "confirm", "confirm: {prompt: Go on?}",
      "steps", "steps: [{id: inner, title: Inner, changes: false, run: [\"true\"]}]");

  @TempDir Path dir;

  private final ExprEngine engine = new ExprEngine();

  private Set<String> names(Evaluated e) {
    return e.expr() != null ? engine.names(e.expr()) : engine.names(e.template());
  }

  /** A case: the action, the key, the YAML of the step under test, and what must be found. */
  private record Case(String action, String key, String step, String reads, String nests) {}

  private static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (ActionSpec a : Actions.ALL) {
      String body = BODY.get(a.key());
      assertTrue(body != null, "StepStructureTest has no step for the action `" + a.key() + "`: add one");
      for (KeySpec k : Actions.COMMON) {
        out.addAll(stepLevel(a, body, k));
      }
      for (KeySpec k : a.stepKeys()) {
        if (!k.name().equals(a.key())) {
          out.addAll(stepLevel(a, body, k));
        } else {
          out.addAll(values(k).stream().map(v -> new Case(a.key(), k.name(), a.key() + ": " + v[0], v[1], v[2])).toList());
        }
      }
      for (KeySpec k : a.bodyKeys()) {
        for (String[] v : values(a, k)) {
          out.add(new Case(a.key(), a.key() + "." + k.name(), inBody(a, body, k.name(), v[0]), v[1], v[2]));
        }
      }
    }
    return out;
  }

  private static List<Case> stepLevel(ActionSpec a, String body, KeySpec k) {
    if (k.name().equals("id")) {
      return List.of();
    }
    List<Case> out = new ArrayList<>();
    for (String[] v : values(k)) {
      // `reason` explains a `when`, and needs one
      String needs = k.name().equals("reason") ? "\n    when: 'true'" : "";
      out.add(new Case(a.key(), k.name(), body + needs + "\n    " + k.name() + ": " + v[0], v[1], v[2]));
    }
    return out;
  }

  /** The action's mapping with {@code key} set to {@code value} ({@code run} replaces {@code of}). */
  private static String inBody(ActionSpec a, String body, String key, String value) {
    String open = a.key() + ": {";
    String rest = body.substring(open.length());
    if (key.equals("run") || key.equals("of") || key.equals("probe")) {
      rest = rest.replaceFirst("(of: other|probe: \\{of: other\\})(, )?", "");
    }
    if (key.equals("that") || key.equals("prompt")) {
      rest = rest.replaceFirst("(that: 'true'|prompt: Go on\\?)(, )?", "");
    }
    rest = rest.replaceFirst("^\\}", "");
    return open + key + ": " + value + (rest.isEmpty() ? "}" : ", " + rest);
  }

  /** Values of a key by its type: {YAML, step it reads or null, step it nests or null}. */
  private static List<String[]> values(KeySpec k) {
    return values(null, k);
  }

  private static List<String[]> values(ActionSpec a, KeySpec k) {
    String reads = "${src.stdout}";
    switch (k.type().word()) {
      case "template", "markdown template":
        return List.<String[]>of(new String[] {"'" + reads + "'", "src", null});
      case "expression":
        return List.<String[]>of(new String[] {"src.ok", "src", null});
      case "command":
        return List.<String[]>of(new String[] {"'echo " + reads + "'", "src", null},
            new String[] {"[echo, '" + reads + "']", "src", null});
      case "templates", "regular expressions":
        return List.<String[]>of(new String[] {"['" + reads + "']", "src", null});
      case "mapping of templates":
        return List.<String[]>of(new String[] {"{A: '" + reads + "'}", "src", null});
      case "step id":
        return List.<String[]>of(k.name().equals("confirmed-by")
            ? new String[] {"gate", "gate", null} : new String[] {"src", "src", null});
      case "list of steps":
        return List.<String[]>of(new String[] {"[{id: nested, title: Nested, changes: false, run: [\"true\"]}]", null, "nested"});
      case "mapping":
        return switch (k.name()) {
          case "retry" -> List.<String[]>of(new String[] {"{attempts: 2, until: src.ok}", "src", null});
          case "probe" -> List.<String[]>of(new String[] {"{of: src}", "src", null},
              new String[] {"{run: 'echo " + reads + "'}", "src", null},
              new String[] {"{run: 'echo hi', env: {A: '" + reads + "'}}", "src", null},
              new String[] {"{parse-table: {run: 'echo " + reads + "', format: aligned}}", "src", null},
              new String[] {"{parse-table: {of: src, format: aligned}}", "src", null});
          case "wait" -> List.of();
          default -> {
            fail("StepStructureTest does not know the mapping key `" + k.name() + "`: say what it reads and nests");
            yield List.of();
          }
        };
      default:
        if (!INERT.contains(k.type().word())) {
          fail("StepStructureTest does not know the key type `" + k.type().word() + "` of `" + k.name()
              + "`: say whether it reads a step or nests steps");
        }
        return List.of();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyEvaluatedKeyReadsAndEveryNestingKeyNests() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.key() + " of " + c.action() + ": " + c.step(), () -> {
      String yaml = "runbook: 1\nname: t\ntitle: T\nsteps:\n"
          + "  - id: src\n    title: Source\n    changes: false\n    run: [\"true\"]\n"
          + "  - id: other\n    title: Other\n    changes: false\n    run: [\"true\"]\n"
          + "  - id: gate\n    title: Gate\n    confirm: {prompt: Sure?, type-to-confirm: yes-really}\n"
          + "  - id: under\n    " + c.step() + "\n"
          + (c.key().equals("title") ? "" : "    title: Under test\n");
      Path f = dir.resolve("p.yaml");
      Files.writeString(f, yaml);
      Playbook p = PlaybookLoader.load(f);
      Step under = p.step("under").orElseThrow();
      Set<String> read = p.stepsRead(under, this::names);
      if (c.reads() != null) {
        assertTrue(read.contains(c.reads()), "reads " + c.reads() + ", found " + read + "\n" + yaml);
      } else {
        assertTrue(!read.contains("src"), "reads nothing here, found " + read + "\n" + yaml);
      }
      if (c.nests() != null) {
        assertTrue(under.children().stream().anyMatch(s -> s.id().equals(c.nests())), "nests " + c.nests() + "\n" + yaml);
      }
    }));
  }
}
