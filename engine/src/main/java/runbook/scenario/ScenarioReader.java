package runbook.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import runbook.diag.Diagnostics;
import runbook.diag.InvalidInputException;
import runbook.model.SourceSpan;
import runbook.parse.MappingReader;
import runbook.parse.ParseRule;
import runbook.parse.YamlDocument;
import runbook.parse.YamlMapping;
import runbook.parse.YamlNode;
import runbook.parse.YamlScalar;
import runbook.parse.YamlSequence;
import runbook.parse.YamlValues;

/**
 * Reads a scenario file (the format's "Rehearsal scenarios" section) through the same YAML layer
 * as playbooks: every problem is reported together, each with its position.
 */
public final class ScenarioReader {
  static final List<String> KEYS = List.of("scenario", "title", "playbook", "params", "approve", "commands", "expect");
  static final List<String> RULE_KEYS = List.of("match", "regex", "when", "sets", "clears", "stdout", "stderr", "exit");
  static final List<String> EXPECT_KEYS = List.of("outcome", "ran", "skipped", "commands", "never");

  private ScenarioReader() {}

  /** @throws InvalidInputException with every problem found, sorted by position */
  public static Scenario read(Path file) throws InvalidInputException {
    return read(file, YamlDocument.load(file));
  }

  static Scenario read(Path file, YamlDocument doc) throws InvalidInputException {
    Diagnostics d = new Diagnostics();
    d.addAll(doc.diagnostics());
    if (doc.root() == null) {
      d.error(ParseRule.MISSING_KEY, new SourceSpan(doc.file(), 1, 1),
          "the scenario is empty", "a scenario starts with `scenario: 1`");
      d.throwIfErrors();
    }
    MappingReader m = MappingReader.of(doc.root(), d, "the scenario", KEYS);
    if (m == null) {
      d.throwIfErrors();
    }
    Integer version = m.integer("scenario");
    if (version == null && !m.has("scenario")) {
      m.required("scenario");
    } else if (version != null && version != 1) {
      d.error(ParseRule.BAD_VALUE, m.node("scenario").span(),
          "unsupported scenario version " + version + "; this engine reads version 1");
    }
    String title = m.requiredString("title");
    String playbook = m.requiredString("playbook");
    Map<String, String> params = params(m.mapping("params"), d);
    List<String> approve = strings(m.node("approve"), d, "`approve`");
    List<CommandRule> rules = new ArrayList<>();
    YamlSequence commands = m.sequence("commands");
    if (commands == null && !m.has("commands")) {
      m.required("commands");
    } else if (commands != null) {
      for (YamlNode item : commands.items()) {
        CommandRule rule = rule(item, d);
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    Expectation expect = expectation(m.node("expect"), d);
    d.throwIfErrors();
    Path base = file.toAbsolutePath().getParent();
    return new Scenario(file, title, base.resolve(playbook).normalize(), params, approve, rules, expect, m.span());
  }

  private static Map<String, String> params(YamlMapping map, Diagnostics d) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map == null) {
      return out;
    }
    for (YamlMapping.Entry e : map.entries()) {
      String value = e.value() instanceof YamlScalar s && s.type() != YamlScalar.Type.NULL ? s.value() : null;
      if (e.keyText() == null) {
        d.error(ParseRule.WRONG_TYPE, e.key().span(), "a parameter name must be a string, found " + e.key().describe());
      } else if (value == null) {
        d.error(ParseRule.WRONG_TYPE, e.value().span(),
            "parameter `" + e.keyText() + "` needs a value (a string, number or boolean), found " + e.value().describe());
      } else {
        out.put(e.keyText(), value);
      }
    }
    return out;
  }

  private static CommandRule rule(YamlNode node, Diagnostics d) {
    MappingReader r = MappingReader.of(node, d, "a command rule", RULE_KEYS);
    if (r == null) {
      return null;
    }
    CommandPattern pattern = null;
    if (r.has("match") && r.has("regex")) {
      d.error(ParseRule.CONFLICTING_KEYS, r.keySpan("regex"),
          "a command rule has either `match` (a glob) or `regex`, not both");
    } else if (r.has("regex")) {
      String regex = r.string("regex");
      if (regex != null) {
        try {
          pattern = CommandPattern.regex(regex, valueSpan(r.node("regex")));
        } catch (PatternSyntaxException e) {
          d.error(ParseRule.BAD_PATTERN, valueSpan(r.node("regex")),
              "`regex` does not compile: " + e.getDescription() + " near index " + e.getIndex(),
              "use `match:` for a glob (`*` any characters, `?` one)");
        }
      }
    } else {
      String glob = r.requiredString("match");
      if (glob != null) {
        pattern = CommandPattern.glob(glob, valueSpan(r.node("match")));
      }
    }
    List<String> when = strings(r.node("when"), d, "`when`");
    List<String> sets = strings(r.node("sets"), d, "`sets`");
    List<String> clears = strings(r.node("clears"), d, "`clears`");
    String stdout = r.string("stdout");
    String stderr = r.string("stderr");
    Integer exit = r.integer("exit");
    if (exit != null && (exit < 0 || exit > 255)) {
      d.error(ParseRule.BAD_VALUE, r.node("exit").span(), "`exit` must be between 0 and 255, found " + exit);
    }
    if (pattern == null) {
      return null;
    }
    return new CommandRule(pattern, when, sets, clears, stdout == null ? "" : stdout, stderr == null ? "" : stderr,
        exit == null ? 0 : exit, r.span());
  }

  private static Expectation expectation(YamlNode node, Diagnostics d) {
    if (node == null) {
      return new Expectation(null, List.of(), List.of(), List.of(), List.of());
    }
    MappingReader e = MappingReader.of(node, d, "`expect`", EXPECT_KEYS);
    if (e == null) {
      return new Expectation(null, List.of(), List.of(), List.of(), List.of());
    }
    String outcome = e.choice("outcome", Expectation.OUTCOMES);
    return new Expectation(outcome, strings(e.node("ran"), d, "`ran`"), strings(e.node("skipped"), d, "`skipped`"),
        globs(e.node("commands"), d, "`commands`"), globs(e.node("never"), d, "`never`"));
  }

  private static List<CommandPattern> globs(YamlNode node, Diagnostics d, String what) {
    List<CommandPattern> out = new ArrayList<>();
    for (YamlNode item : items(node)) {
      String s = YamlValues.string(item, d, what);
      if (s != null) {
        out.add(CommandPattern.glob(s, valueSpan(item)));
      }
    }
    return out;
  }

  /** One string or a list of strings ({@code when: flag} or {@code when: [a, b]}). */
  private static List<String> strings(YamlNode node, Diagnostics d, String what) {
    List<String> out = new ArrayList<>();
    for (YamlNode item : items(node)) {
      String s = YamlValues.string(item, d, what);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<YamlNode> items(YamlNode node) {
    if (node == null) {
      return List.of();
    }
    return node instanceof YamlSequence seq ? seq.items() : List.of(node);
  }

  private static SourceSpan valueSpan(YamlNode node) {
    return node instanceof YamlScalar s ? s.valueSpan() : node.span();
  }
}
