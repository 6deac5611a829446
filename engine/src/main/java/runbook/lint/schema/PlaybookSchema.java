package runbook.lint.schema;

import static runbook.lint.schema.Schemas.anyOf;
import static runbook.lint.schema.Schemas.array;
import static runbook.lint.schema.Schemas.bool;
import static runbook.lint.schema.Schemas.integer;
import static runbook.lint.schema.Schemas.key;
import static runbook.lint.schema.Schemas.mapOf;
import static runbook.lint.schema.Schemas.object;
import static runbook.lint.schema.Schemas.oneOfValues;
import static runbook.lint.schema.Schemas.pattern;
import static runbook.lint.schema.Schemas.ref;
import static runbook.lint.schema.Schemas.required;
import static runbook.lint.schema.Schemas.string;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.lint.schema.Schemas.Key;
import runbook.model.ActionSpec;
import runbook.model.Actions;
import runbook.model.AssertOutputStep;
import runbook.model.ColumnType;
import runbook.model.ConfirmStep;
import runbook.model.GroupStep;
import runbook.model.OnDecline;
import runbook.model.OutputStream;
import runbook.model.ParamType;
import runbook.model.ParseTableStep;
import runbook.model.RequireStateStep;
import runbook.model.ResultField;
import runbook.model.RunStep;
import runbook.model.Step;
import runbook.model.TableFormat;

/**
 * The JSON Schema (draft-07) of the playbook format, for editors: every key with a description.
 * This is the one place the schema is written; {@code runbook schema} prints it and
 * {@code docs/playbook.schema.json} is a copy that a test keeps equal.
 */
public final class PlaybookSchema {
  /** One action: its key, what it does, and the keys a step with this action may have besides the common ones. */
  public record Action(String key, String description, List<Key> keys) {}

  private static final String ID = "^[a-z][a-z0-9_]*$";
  private static final String DURATION = "^[0-9]+(ms|s|m|h|d)$";

  private static final Map<Class<? extends Step>, Action> ACTIONS = buildActions();

  private PlaybookSchema() {}

  /** The action of every kind of step, by its model class. */
  public static Map<Class<? extends Step>, Action> actions() {
    return ACTIONS;
  }

  private static Map<Class<? extends Step>, Action> buildActions() {
    Map<Class<? extends Step>, Action> m = new LinkedHashMap<>();
    m.put(RunStep.class, new Action("run", Actions.RUN.summary() + results(Actions.RUN), commandKeys()));
    m.put(AssertOutputStep.class, new Action("assert-output", "Check what a command printed; a failed"
        + " assertion fails the step with its message." + results(Actions.ASSERT_OUTPUT),
        List.of(key("assert-output", assertOutput()))));
    m.put(ParseTableStep.class, new Action("parse-table", Actions.PARSE_TABLE.summary() + results(Actions.PARSE_TABLE),
        List.of(key("parse-table", table("Where the table comes from and how to read it.")))));
    m.put(RequireStateStep.class, new Action("require-state", "A precondition that must hold, or be made"
        + " to hold by `fix`; when it is not reached the run ends as aborted (exit code 3)."
        + results(Actions.REQUIRE_STATE), List.of(key("require-state", requireState()))));
    m.put(ConfirmStep.class, new Action("confirm", "A human decision. Without a terminal it is approved"
        + " only by `--yes` or `--approve <id>`." + results(Actions.CONFIRM), List.of(key("confirm", confirm()))));
    m.put(GroupStep.class, new Action("steps", "A group: its steps run in order; its `when` skips the whole"
        + " group and its `on-failure` runs when any of them fails.",
        List.of(key("steps", array("The steps of the group, run in order.", ref("step", "A step."))))));
    return Collections.unmodifiableMap(m);
  }

  /** The result fields of an action, from its descriptor. */
  private static String results(ActionSpec a) {
    List<String> fields = new ArrayList<>();
    for (ResultField f : a.results()) {
      fields.add("`<id>." + f.name() + "` (" + f.type() + ")");
    }
    if (a == Actions.RUN) {
      fields.add("with `output-file` `<id>." + Actions.OUTPUT_FILE.name() + "`");
    }
    return " Results: " + String.join(", ", fields) + ", and `<id>.ok`, `.failed`, `.skipped`.";
  }

  /** The whole schema. */
  public static Map<String, Object> build() {
    Map<String, Object> definitions = new LinkedHashMap<>();
    List<Object> steps = new ArrayList<>();
    List<Object> replacements = new ArrayList<>();
    for (Action a : actions().values()) {
      String name = "step-" + a.key();
      definitions.put(name, step(a, true));
      steps.add(Map.of("$ref", "#/definitions/" + name));
      // a replacement step without an id keeps the replaced step's
      definitions.put("replacement-" + a.key(), step(a, false));
      replacements.add(Map.of("$ref", "#/definitions/replacement-" + a.key()));
    }
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("description", "A step: a mapping with exactly one action key (`run`, `assert-output`,"
        + " `parse-table`, `require-state`, `confirm`) or a `steps:` list (a group).");
    step.put("oneOf", steps);
    definitions.put("step", step);
    Map<String, Object> replacement = new LinkedHashMap<>();
    replacement.put("description", "The new step of a `replace`; without an `id` it keeps the replaced step's.");
    replacement.put("oneOf", replacements);
    definitions.put("replacement", replacement);
    definitions.put("param", param());
    definitions.put("param-change", paramChange());
    definitions.put("patch", patch());

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("title", "runbook playbook, format version 1");
    Map<String, Object> top = object("A runbook playbook (or a variant of one, with `extends` and `patch`).",
        List.of(
            required("runbook", versionSchema()),
            required("name", pattern("Playbook name: lower-case letters, digits and `-`.", "^[a-z0-9][a-z0-9-]*$")),
            required("title", string("One line: what the playbook does.")),
            key("description", string("Markdown, shown by `runbook doc` and at the start of a run.")),
            key("requires", anyOf("Programs that must be on PATH; checked before the first step. A variant may"
                    + " also give a mapping: `name: true` adds a program, `name: ~` removes the base's.",
                array("The program names.", string("A program name.")),
                mapOf("A variant's changes: program name to true (add) or ~ (remove).",
                    anyOf("Add or remove.", Map.of("const", true), nullValue())))),
            key("params", mapOf("What the operator may set with `--set name=value` or `--params file.yaml`."
                + " Params, vars and step ids share one namespace. A variant changes a base's param with a"
                + " mapping of the keys to change (`~` removes a key).",
                anyOf("A parameter, or a variant's change to one.", ref("param", "A parameter."),
                    ref("param-change", "A variant's change.")))),
            key("env", mapOf("Environment for every command; in a variant `NAME: ~` removes the base's.",
                anyOf("The value.", template("The value."), nullValue()))),
            key("vars", mapOf("Derived values: templates evaluated when first used; in a variant `name: ~`"
                + " removes the base's.", anyOf("The value.", template("The value."), nullValue()))),
            key("steps", array("The steps, run in order. Required unless the file `extends` another.",
                ref("step", "A step."))),
            key("extends", string("A variant: the playbook (or variant) this file changes, relative to this"
                + " file. `params`, `vars`, `env` and `requires` merge by name; `patch` changes the steps.")),
            key("patch", array("A variant's changes to its base's steps, applied in order; every target id"
                + " must exist.", ref("patch", "One change.")))));
    root.putAll(top);
    root.put("if", Map.of("required", List.of("extends")));
    root.put("then", Map.of("not", Map.of("required", List.of("steps"))));
    // what only a variant may write: a requires mapping, `~` removals, partial param changes
    Map<String, Object> playbookOnly = new LinkedHashMap<>();
    playbookOnly.put("required", List.of("steps"));
    Map<String, Object> narrowed = new LinkedHashMap<>();
    narrowed.put("requires", array("A playbook lists its programs.", string("A program name.")));
    narrowed.put("params", mapOf("A playbook declares whole params.", ref("param", "A parameter.")));
    narrowed.put("env", mapOf("A playbook's environment.", template("The value.")));
    narrowed.put("vars", mapOf("A playbook's vars.", template("The value.")));
    playbookOnly.put("properties", narrowed);
    root.put("else", playbookOnly);
    root.put("definitions", definitions);
    return root;
  }

  private static Map<String, Object> versionSchema() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", "Format version; 1 is the only one.");
    m.put("const", 1);
    return m;
  }

  private static Map<String, Object> step(Action a, boolean idRequired) {
    List<Key> keys = new ArrayList<>(commonKeys());
    if (!idRequired) {
      keys.set(0, key("id", keys.get(0).schema()));
    }
    for (Key k : a.keys()) {
      keys.add(k.name().equals(a.key()) ? required(k.name(), k.schema()) : k);
    }
    return object(a.description(), keys);
  }

  private static List<Key> commonKeys() {
    return List.of(
        required("id", pattern("Unique in the playbook; step results are reached by it in expressions"
            + " (`<id>.ok`, `<id>.stdout`, ...).", ID)),
        required("title", template("One line: what the operator sees.")),
        key("doc", template("Markdown: why the step exists, what to do when it fails. Shown with `--step`,"
            + " on failure and by `runbook doc`.")),
        key("when", expr("Condition; false skips the step (or the whole group), recorded as skipped.")),
        key("changes", bool("Whether the step changes the system. Default true for `run`, false for every"
            + " other action. A dry run executes only steps with `changes: false`.")),
        key("timeout", duration("The command's whole process group is killed when this expires; on a group, a deadline for every command in it.")),
        key("retry", object("Run the step again until `until` holds (or until it succeeds).", List.of(
            required("attempts", integer("Total attempts, at least 1.", 1)),
            key("delay", duration("Pause between attempts.")),
            key("until", expr("Condition that ends the retries; absent means until the step succeeds."))))),
        key("continue-on-error", bool("A failure is recorded (`<id>.failed`) and the run goes on.")),
        key("on-failure", array("Steps run when this step or group fails; the run still fails afterwards"
            + " unless `continue-on-error`.", ref("step", "A step."))),
        key("confirmed-by", stepRef("The `confirm` with `type-to-confirm` (aborting on decline) that must"
            + " have been approved before this step runs; lint and the run refuse a file that removes or"
            + " weakens it.")),
        key("reason", template("Why the step is skipped when its `when` is false, in the operator's words;"
            + " shown instead of the expression. Needs `when`.")),
        key("if-stopped", template("From this step on (until a later step says otherwise), the state a run"
            + " that stops leaves the host in, and what to do; shown on the failure screen.")),
        key("summary", template("Shown at the end of a successful run in which this step ran: the outcome,"
            + " the backups, what to check next.")));
  }

  /** The keys of a command: a run step's, a table's inline run, a probe's. */
  private static List<Key> commandKeys() {
    List<Key> keys = new ArrayList<>();
    keys.add(key("run", anyOf("The command. A string is split into words by POSIX quoting rules with no"
            + " shell (a `${...}` value always stays in its one word); a list is one argument per element.",
        template("The command line."), array("One argument per element.", template("An argument.")))));
    keys.add(key("shell", bool("Run the string with bash (errexit, nounset, pipefail); every `${...}` value"
        + " is passed in the environment, never as script text. Only for real shell syntax: pipes, redirection.")));
    keys.add(key("stdin", template("Text fed to the command's standard input (the way to pass a secret).")));
    keys.add(key("env", mapOf("Extra environment for this command.", template("The value."))));
    keys.add(key("cwd", template("Working directory.")));
    keys.add(key("expect-exit", anyOf("Exit codes that count as success (default 0).",
        integer("An exit code.", 0), array("Exit codes.", integer("An exit code.", 0)))));
    keys.add(key("output-file", template("Stream stdout into this file (through a new `.<name>.<random>.partial`"
        + " file beside it, renamed when the step succeeds) instead of keeping it in memory.")));
    keys.add(key("capture", anyOf("How much of stdout and stderr is kept in memory for expressions"
        + " (default 8MiB); every byte is still written to the run directory.",
        string("A size such as 8MiB."), integer("Bytes.", 0))));
    return keys;
  }

  private static Map<String, Object> assertOutput() {
    return object("What to check; every listed check must hold.", List.of(
        key("of", stepRef("The run step whose output is checked; default: the nearest earlier one.")),
        key("stream", oneOfValues("Which output is checked.", values(OutputStream.values()))),
        key("contains", texts("Must occur in the output.")),
        key("not-contains", texts("Must not occur in the output.")),
        key("matches", texts("Multiline regex that must find a match; named groups become"
            + " `<id>.match.<name>`.")),
        key("not-matches", texts("Multiline regex that must not find a match.")),
        key("equals", texts("The whole output (trailing newlines ignored) must equal this.")),
        key("that", expr("Any condition over `out`, `err` and `exit`.")),
        key("message", template("Shown when the assertion fails."))));
  }

  private static Map<String, Object> table(String description) {
    List<Key> keys = new ArrayList<>();
    keys.add(key("of", stepRef("Read that step's stdout (instead of `run`).")));
    keys.addAll(commandKeys());
    keys.add(key("format", oneOfValues("`aligned`: human output with a header line; `delimited`: split on"
        + " `separator`; `json`: rows found at `json-path`.", values(TableFormat.values()))));
    keys.add(key("separator", string("For `delimited`: the field separator.")));
    keys.add(key("json-path", string("For `json`: where the list of rows is, e.g. `report[0].lv`.")));
    keys.add(key("columns", anyOf("Column names in order, or renames of header names (`{LSize: size}`)."
            + " Otherwise header names become identifiers (`Data%` becomes `data_pct`).",
        array("Names in order.", string("A column name.")), mapOf("Header name to column name.",
            string("The column name.")))));
    keys.add(key("require-columns", array("The columns (after renaming) the table must have; checked"
        + " against the header when the step runs. Lint refuses reading a column neither this nor a"
        + " `columns` list declares.", string("A column name."))));
    keys.add(key("types", mapOf("Column name to type; other columns are strings.",
        oneOfValues("How the cell is converted.", values(ColumnType.values())))));
    return object(description, keys);
  }

  private static Map<String, Object> requireState() {
    return object("The state to require.", List.of(
        required("probe", anyOf("What is read, always read-only; its result is `probe` inside `that` and"
                + " `message`.",
            object("Run an earlier read-only step again.", List.of(required("of", stepRef("The step.")))),
            object("Run a command.", commandKeys()),
            object("Read a table.", List.of(required("parse-table", table("The table.")))))),
        required("that", expr("The condition that must hold, over `probe`.")),
        key("wait", object("Re-run the probe until `that` holds.", List.of(
            required("timeout", duration("Give up after this long.")),
            key("every", duration("Pause between probes."))))),
        key("fix", array("Steps run once when the state does not hold, then the probe runs again.",
            ref("step", "A step."))),
        key("message", template("Shown when the state is not reached: say what to do."))));
  }

  private static Map<String, Object> confirm() {
    return object("The decision to ask for.", List.of(
        required("prompt", template("What the operator is asked.")),
        key("type-to-confirm", template("The operator must type exactly this.")),
        key("on-decline", oneOfValues("`abort` (default) stops the run; `skip` goes on with"
            + " `<id>.approved` false.", values(OnDecline.values())))));
  }

  private static Map<String, Object> param() {
    return object("A parameter; without a default it is required.", List.of(
        key("description", string("What it is; shown by `runbook doc`.")),
        key("default", anyOf("The value when none is given.", string("A value."), Map.of("type", "number"),
            bool("A value."))),
        key("type", oneOfValues("How the value is checked and converted.", values(ParamType.values()))),
        key("pattern", string("A regular expression the whole value must match.")),
        key("choices", array("The allowed values.", anyOf("A value.", string("A value."),
            Map.of("type", "number"), bool("A value.")))),
        key("secret", bool("Never printed: masked as `***` in output, journal, report and logs.")),
        key("under", string("With `type: path`: the absolute directory the value must stay in (no `..`)."))));
  }

  private static Map<String, Object> patch() {
    List<Object> kinds = new ArrayList<>();
    Map<String, Object> steps = array("The steps to insert.", ref("step", "A step."));
    kinds.add(object("Insert steps before a step.", List.of(required("before", stepRef("The target.")),
        required("steps", steps))));
    kinds.add(object("Insert steps after a step.", List.of(required("after", stepRef("The target.")),
        required("steps", steps))));
    kinds.add(object("Replace a step.", List.of(required("replace", stepRef("The target.")),
        required("with", ref("replacement", "The new step.")))));
    kinds.add(object("Remove a step.", List.of(required("remove", stepRef("The target.")))));
    kinds.add(object("Change keys of a step.", List.of(required("update", stepRef("The target.")),
        required("set", Schemas.node("The keys to set, as in a step.", "object")))));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", "One change to the base's steps.");
    m.put("oneOf", kinds);
    return m;
  }

  /** A param of the base changed by a variant: the keys of a param, each also {@code ~} to remove it. */
  private static Map<String, Object> paramChange() {
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) param().get("properties");
    List<Key> keys = new ArrayList<>();
    for (Map.Entry<String, Object> e : props.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> schema = (Map<String, Object>) e.getValue();
      keys.add(key(e.getKey(), anyOf(String.valueOf(schema.get("description")) + " `~` removes the base's.", schema,
          nullValue())));
    }
    return object("A variant's change to a param its base declares: only the keys to change.", keys);
  }

  private static Map<String, Object> nullValue() {
    return Schemas.node("`~`: remove.", "null");
  }

  private static Map<String, Object> template(String description) {
    return string(description + " May contain `${...}` templates (`$${` writes a literal `${`).");
  }

  private static Map<String, Object> expr(String description) {
    return anyOf(description + " A JEXL expression over params, vars and step results.",
        string("The expression."), bool("A constant."));
  }

  private static Map<String, Object> texts(String description) {
    return anyOf(description, template("One."), array("Several.", template("One.")));
  }

  private static Map<String, Object> stepRef(String description) {
    return pattern(description + " A step id.", ID);
  }

  private static Map<String, Object> duration(String description) {
    return pattern(description + " A duration such as `90s`, `10m`, `2h`.", DURATION);
  }

  private static String[] values(Enum<?>[] values) {
    return Arrays.stream(values).map(PlaybookSchema::keyOf).toArray(String[]::new);
  }

  private static String keyOf(Enum<?> e) {
    if (e instanceof OutputStream o) {
      return o.key();
    }
    if (e instanceof TableFormat t) {
      return t.key();
    }
    if (e instanceof ColumnType c) {
      return c.key();
    }
    if (e instanceof OnDecline d) {
      return d.key();
    }
    return ((ParamType) e).key();
  }
}
