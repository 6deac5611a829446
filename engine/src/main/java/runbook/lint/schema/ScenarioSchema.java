package runbook.lint.schema;

import static runbook.lint.schema.Schemas.anyOf;
import static runbook.lint.schema.Schemas.array;
import static runbook.lint.schema.Schemas.integer;
import static runbook.lint.schema.Schemas.key;
import static runbook.lint.schema.Schemas.mapOf;
import static runbook.lint.schema.Schemas.object;
import static runbook.lint.schema.Schemas.oneOfValues;
import static runbook.lint.schema.Schemas.required;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.scenario.Expectation;

/**
 * The JSON Schema (draft-07) of a rehearsal scenario ({@code *.scenario.yaml}), for editors:
 * {@code runbook schema --scenario} prints it and {@code docs/scenario.schema.json} is a copy that a
 * test keeps equal. Its keys are the scenario reader's (a test checks them).
 */
public final class ScenarioSchema {
  private ScenarioSchema() {}

  public static Map<String, Object> build() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("title", "runbook rehearsal scenario, format version 1");
    root.putAll(object("A rehearsal scenario: the playbook under test, the answers its commands get, and what the"
        + " run must show. See docs/scenarios.md.", List.of(
            required("scenario", version()),
            required("title", scalar("One line: what the scenario shows.")),
            required("playbook", scalar("The playbook (or variant) under test, relative to the scenario file.")),
            key("params", mapOf("`name: value` for the run; checked like `--set` values.",
                scalar("The value."))),
            key("approve", strings("The ids of the confirm steps the simulated operator approves; every other one"
                + " is declined.")),
            required("commands", array("The rules that answer commands, the first that matches wins.",
                rule())),
            key("expect", expect()))));
    return root;
  }

  private static Map<String, Object> rule() {
    Map<String, Object> rule = object("A command rule: which command lines it answers, and how.", List.of(
        key("match", scalar("A glob that must match the whole command line: `*` any characters, `?` one.")),
        key("regex", scalar("Instead of `match`: a regular expression found somewhere in the line.")),
        key("when", strings("Flags that must all be set for the rule to apply.")),
        key("sets", strings("Flags set when the rule answers.")),
        key("clears", strings("Flags cleared when the rule answers.")),
        key("stdout", scalar("What the command prints (default: nothing).")),
        key("stderr", scalar("What the command prints on standard error (default: nothing).")),
        key("exit", exitCode())));
    // exactly one of match and regex
    rule.put("oneOf", List.of(Map.of("required", List.of("match")), Map.of("required", List.of("regex"))));
    return rule;
  }

  private static Map<String, Object> expect() {
    return object("The checks `runbook test` makes on the finished run.", List.of(
        key("outcome", oneOfValues("How the run ended.", Expectation.OUTCOMES.toArray(String[]::new))),
        key("ran", strings("These steps ran, in this order; others may run in between.")),
        key("skipped", strings("Each of these steps was skipped.")),
        key("commands", strings("Each glob matched at least one command line.")),
        key("never", strings("No command line matched any of these globs."))));
  }

  private static Map<String, Object> version() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", "Scenario format version; 1 is the only one.");
    m.put("const", 1);
    return m;
  }

  private static Map<String, Object> exitCode() {
    Map<String, Object> m = integer("The exit code, 0 to 255 (default 0).", 0);
    m.put("maximum", 255);
    return m;
  }

  /** One value or a list of them ({@code when: flag} or {@code when: [a, b]}). */
  private static Map<String, Object> strings(String description) {
    return anyOf(description, scalar("One."), array("Several.", scalar("One.")));
  }

  /** A scalar: the reader takes a string, a number or a boolean as its text. */
  private static Map<String, Object> scalar(String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", description);
    m.put("type", List.of("string", "number", "boolean"));
    return m;
  }
}
