package runbook.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every action of the format, described once: its keys with their types and docs, and its result
 * fields. The parser takes its key lists from here, lint the result fields, {@code runbook schema}
 * the action summaries and result lists, and docs/format.md's key and result tables are checked
 * against it by a test. To add a key: add it to the action's list here, read it in the action's
 * reader, and document it in the same words.
 */
public final class Actions {
  /** Keys of Steps and their common keys. */
  public static final List<KeySpec> COMMON = List.of(
      new KeySpec("id", "step id", true,
          "required, `^[a-z][a-z0-9_]*$`, unique in the resolved playbook (groups, `fix` and `on-failure` steps included); expressions reach the step's results by it"),
      new KeySpec("title", "template", true,
          "required, one line (a template); what the operator sees"),
      new KeySpec("doc", "markdown template", false,
          "markdown (a template): why the step exists, what to do when it fails; shown with `--step`, on failure, and by `runbook doc`"),
      new KeySpec("when", "expression", false,
          "expression; false skips the step (or the whole group), recorded as `skipped`"),
      new KeySpec("changes", "bool", false,
          "`true` if the step changes the system. Default `true` for `run`, `false` for the other actions. A dry run executes only steps with `changes: false`"),
      new KeySpec("timeout", "duration", false,
          "a duration; the command's whole process group is killed when it expires. On a step that runs several commands (a probe, a `wait`, `retry` attempts) each command has the whole duration. On a [group](#groups) it is a deadline for everything in the group: the command running when it passes is killed, no command starts after it, and the group fails; its `on-failure` steps still run. A confirm is never cut short"),
      new KeySpec("retry", "mapping", false,
          "`{attempts: 5, delay: 2s, until: <expression>}`: run again until `until` holds, or until the step succeeds when `until` is absent. `attempts` is required (at least 1); without `delay` the next attempt starts at once"),
      new KeySpec("continue-on-error", "bool", false,
          "`true`: a failure is recorded (`<id>.failed`) and the run goes on; such a failure alone does not make the run fail"),
      new KeySpec("on-failure", "list of steps", false,
          "steps run when this step or group fails; the run still fails afterwards unless `continue-on-error`"),
      new KeySpec("confirmed-by", "step id", false,
          "the id of a `confirm` with `type-to-confirm` that aborts on decline and must have been approved before this step runs, on every path; lint and the run refuse a playbook, or a variant, that removes or weakens that guard (rule `guard-weakened`)"),
      new KeySpec("reason", "template", false,
          "a template: why the step is skipped when its `when` is false, in the operator's words; shown on screen and in the report instead of the expression (needs `when`)"),
      new KeySpec("if-stopped", "template", false,
          "a template: the state the host is in when the run stops (fails, is aborted or interrupted) at this step or at any later one, until a later step that began says otherwise, and what to do; the failure screen and the report show it (see [runtime.md](runtime.md#runbook-run))"),
      new KeySpec("summary", "template", false,
          "a template shown at the end of a successful run in which this step ran: the outcome, the backups, the next checks"));

  /** Keys of `run`. */
  public static final List<KeySpec> COMMAND = List.of(
      new KeySpec("run", "command", true,
          "string form: split into words by POSIX quoting rules (`'...'`, `\"...\"`, `\\`), **without a shell**: `|`, `>`, `*`, `$VAR` are plain characters. A `${...}` is expanded after the split and always stays inside its one word, whatever the value holds. List form: one argument per element"),
      new KeySpec("shell", "bool", false,
          "`true`: the string goes to `bash -o errexit -o nounset -o pipefail -c`; no value is ever part of the script: each `${...}` is passed in the environment and referenced for its quoting context, so quotes, `$(...)` or newlines in a value never run (see [expressions.md](expressions.md)). Only for real shell syntax (pipes, redirection). `shell: true` with the list form is an error"),
      new KeySpec("stdin", "template", false,
          "text (a template) written to the command's standard input"),
      new KeySpec("env", "mapping of templates", false,
          "`{NAME: template}` added to this command's environment"),
      new KeySpec("cwd", "template", false,
          "working directory (a template)"),
      new KeySpec("expect-exit", "exit codes", false,
          "`0` (default), one code, or a list (`[0, 5]`), each 0 to 255; any other exit code fails the step"),
      new KeySpec("output-file", "template", false,
          "stdout is streamed into this file (a template) through a new file `.<name>.<random>.partial` in the same directory (created exclusively, `0600`, under a name nobody can predict), renamed over the target only when the step succeeds (a replaced file keeps its permission bits; a new one is readable by the engine's user only; a failed step's message names the partial file it left); it is not kept in memory, so `<id>.stdout` and `<id>.lines` cannot be read (reading them is an error that names the file; read the file with a later step), and `<id>.output_file` holds its path. For outputs of any size"),
      new KeySpec("capture", "size", false,
          "how much of stdout and of stderr is kept in memory for expressions, a size (default `8MiB`; `64k`, `512KiB`...). Every byte is always written to the run directory; a later expression that reads a truncated output fails and says so"));

  /** Keys of `assert-output`. */
  public static final List<KeySpec> ASSERT_OUTPUT_KEYS = List.of(
      new KeySpec("of", "step id", false,
          "the `run` step whose output is checked; default: the nearest `run` step before this one in the file"),
      new KeySpec("stream", "stdout, stderr or both", false,
          "`stdout` (default), `stderr`, or `both`"),
      new KeySpec("contains", "templates", false,
          "text (or list of texts) that must occur"),
      new KeySpec("not-contains", "templates", false,
          "text (or list) that must not occur"),
      new KeySpec("matches", "regular expressions", false,
          "regular expression (or list) that must find a match, `^` and `$` matching at every line; named groups become `<id>.match.<name>`"),
      new KeySpec("not-matches", "regular expressions", false,
          "regular expression (or list) that must not find a match"),
      new KeySpec("equals", "templates", false,
          "the whole output, trailing newlines ignored, must equal this text (with a list: one of them)"),
      new KeySpec("that", "expression", true,
          "an expression over `out`, `err` and `exit`"),
      new KeySpec("message", "template", false,
          "what the operator reads when the assertion fails (a template)"));

  /** Keys of `parse-table`. */
  public static final List<KeySpec> TABLE_KEYS = List.of(
      new KeySpec("of", "step id", false,
          "read this earlier step's stdout ..."),
      new KeySpec("run", "command", false,
          "... or run this command (exactly one of `of` and `run`). With `run` the command keys of a `run` step apply (`shell`, `stdin`, `env`, `cwd`, `expect-exit`, `capture`); with `of` they are an error. The step is read-only (`changes: false`) unless it says otherwise"),
      new KeySpec("format", "aligned, delimited or json", true,
          "required: `aligned` (human output with a header line), `delimited` (one row per line split on `separator`), `json`"),
      new KeySpec("separator", "text", false,
          "required with `delimited`, an error with the other formats: the literal separator, not empty"),
      new KeySpec("json-path", "text", false,
          "required with `json`, an error with the other formats: where the list of rows is, e.g. `report[0].lv`"),
      new KeySpec("columns", "list or mapping of names", false,
          "a list names the columns in order; a map renames header columns (`{LSize: size}`)"),
      new KeySpec("require-columns", "list of names", false,
          "the columns the table must have (names after renaming); the header is checked against it when the step runs, and lint refuses reading a column that neither this list nor a `columns` list declares"),
      new KeySpec("types", "mapping of column types", false,
          "column to type: `string` (default), `int`, `number`, `bool`, `percent`, `bytes`"));

  /** Keys of `require-state`. */
  public static final List<KeySpec> REQUIRE_STATE_KEYS = List.of(
      new KeySpec("probe", "mapping", true,
          "required; what is read, always read-only: exactly one of `run: ...` (a command with the `run` keys), `parse-table: {...}`, or `of: <step id>` (run that read-only `run` or `parse-table` step again; its output is kept under this step's id)"),
      new KeySpec("that", "expression", true,
          "required: the condition; the probe's result is `probe`"),
      new KeySpec("wait", "mapping", false,
          "`{timeout, every}`, both required durations: probe again every `every` until `that` holds or `timeout` expires"),
      new KeySpec("fix", "list of steps", false,
          "steps run once when the state does not hold; then the probe runs again"),
      new KeySpec("message", "template", false,
          "what the operator reads when the state is not reached (a template; `probe` is in scope)"));

  /** Keys of `confirm`. */
  public static final List<KeySpec> CONFIRM_KEYS = List.of(
      new KeySpec("prompt", "template", true,
          "required: what the operator is asked (a template)"),
      new KeySpec("type-to-confirm", "template", false,
          "the operator must type exactly this text (a template)"),
      new KeySpec("on-decline", "abort or skip", false,
          "`abort` (default): the run stops as aborted (exit 3) before anything after it runs; `skip`: the run goes on with `<id>.approved` false"));

  /** Keys of {@code retry}. */
  public static final List<String> RETRY = List.of("attempts", "delay", "until");

  /** Fields every step's result has, whether it ran or was skipped. */
  public static final List<ResultField> STATUS = List.of(
      new ResultField("ok", "bool", "the step succeeded"),
      new ResultField("failed", "bool", "the step failed"),
      new ResultField("skipped", "bool", "the step was skipped by its `when` or its group's"));

  /** Fields of a step that ran a command. */
  public static final List<ResultField> COMMAND_RESULTS = List.of(
      new ResultField("exit", "int", "exit code"),
      new ResultField("stdout", "text", "captured standard output"),
      new ResultField("stderr", "text", "captured standard error"),
      new ResultField("lines", "list of text", "stdout lines"),
      new ResultField("truncated", "bool", "whether capture was cut"),
      new ResultField("duration", "int", "milliseconds"));

  /** With {@code output-file}, once the step succeeded. */
  public static final ResultField OUTPUT_FILE = new ResultField("output_file", "text", "the path written");

  /** Fields of a table. */
  public static final List<ResultField> TABLE_RESULTS = List.of(
      new ResultField("rows", "list of rows", "list of maps, one per row, by column name"),
      new ResultField("count", "int", "row count"),
      new ResultField("columns", "list of text", "column names"));

  public static final ActionSpec RUN = new ActionSpec("run", "Execute a command.", COMMAND, List.of(),
      COMMAND_RESULTS);

  public static final ActionSpec ASSERT_OUTPUT = new ActionSpec("assert-output",
      "Check what an earlier command printed.", List.of(), ASSERT_OUTPUT_KEYS,
      List.of(new ResultField("match", "map of text",
          "the named groups of `matches` (empty without them): `<id>.match.<group>` is the group's text")));

  public static final ActionSpec PARSE_TABLE = new ActionSpec("parse-table", "Turn column output into rows.",
      List.of(), TABLE_KEYS, TABLE_RESULTS);

  public static final ActionSpec REQUIRE_STATE = new ActionSpec("require-state",
      "A precondition that must hold, or be made to hold.", List.of(), REQUIRE_STATE_KEYS,
      List.of(new ResultField("probe", "result", "the last probe's result, with the fields of what it read")));

  public static final ActionSpec CONFIRM = new ActionSpec("confirm", "A human decision.", List.of(), CONFIRM_KEYS,
      List.of(new ResultField("approved", "bool", "whether the operator approved")));

  public static final ActionSpec GROUP = new ActionSpec("steps",
      "A group: its steps run in order; its `when` skips the whole group.", List.of(), List.of(), List.of());

  /** Every action, in the order of the format reference. */
  public static final List<ActionSpec> ALL = List.of(RUN, ASSERT_OUTPUT, PARSE_TABLE, REQUIRE_STATE, CONFIRM, GROUP);

  /** Named groups of a regular expression: {@code (?<name>...)}. */
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private Actions() {}

  /** The action keys, {@code steps} last. */
  public static List<String> keys() {
    return ALL.stream().map(ActionSpec::key).toList();
  }

  public static Optional<ActionSpec> byKey(String key) {
    return ALL.stream().filter(a -> a.key().equals(key)).findFirst();
  }

  /** The names of {@code keys}. */
  public static List<String> names(List<KeySpec> keys) {
    return keys.stream().map(KeySpec::name).toList();
  }

  /** Keys that go with {@code run} wherever a command is (a run step, a table's or a probe's inline run). */
  public static List<String> commandOptions() {
    return names(COMMAND).subList(1, COMMAND.size());
  }

  /** Every key a {@code parse-table} mapping may hold: its own and, with {@code run}, the command's options. */
  public static List<String> tableKeys() {
    List<String> out = new ArrayList<>(PARSE_TABLE.bodyKeyNames());
    out.addAll(commandOptions());
    return List.copyOf(out);
  }

  /**
   * What {@code <id>.x} may read after this step ran, by name: the status fields, the action's, and
   * those its keys add (an inline command's, {@code output_file}).
   */
  public static Map<String, ResultField> fields(Step step) {
    Map<String, ResultField> out = new LinkedHashMap<>();
    STATUS.forEach(f -> out.put(f.name(), f));
    if (step instanceof RunStep r) {
      COMMAND_RESULTS.forEach(f -> out.put(f.name(), f));
      if (r.command().outputFile() != null) {
        out.put(OUTPUT_FILE.name(), OUTPUT_FILE);
      }
    } else if (step instanceof ParseTableStep p) {
      tableFields(p.table(), out);
    } else {
      byKey(step.action()).orElseThrow().results().forEach(f -> out.put(f.name(), f));
    }
    return out;
  }

  /** What {@code probe.x} may read: the fields of what the probe reads ({@code of} is looked up by the caller). */
  public static Map<String, ResultField> probeFields(Probe probe) {
    Map<String, ResultField> out = new LinkedHashMap<>();
    if (probe instanceof Probe.RunProbe r) {
      COMMAND_RESULTS.forEach(f -> out.put(f.name(), f));
      if (r.command().outputFile() != null) {
        out.put(OUTPUT_FILE.name(), OUTPUT_FILE);
      }
    } else if (probe instanceof Probe.TableProbe t) {
      tableFields(t.table(), out);
    }
    return out;
  }

  private static void tableFields(TableSpec table, Map<String, ResultField> out) {
    TABLE_RESULTS.forEach(f -> out.put(f.name(), f));
    if (table.run() != null) {
      COMMAND_RESULTS.forEach(f -> out.put(f.name(), f));
    }
  }

  /**
   * The named groups an assert-output's {@code matches} can fill, read from the pattern text (a
   * {@code ${...}} inside a pattern cannot add a group name).
   */
  public static Set<String> matchGroups(AssertOutputStep step) {
    Set<String> out = new LinkedHashSet<>();
    for (Template t : step.matches()) {
      Matcher m = GROUP_NAME.matcher(t.text());
      while (m.find()) {
        if (!escaped(t.text(), m.start())) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }

  private static boolean escaped(String text, int at) {
    int n = 0;
    for (int i = at - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
      n++;
    }
    return n % 2 == 1;
  }

  /**
   * The columns a table is known to have: a {@code columns} list names them all; otherwise
   * {@code require-columns} names those the run checks for. Empty when the table declares neither,
   * so nothing about its columns is known before it runs.
   */
  public static Optional<Set<String>> declaredColumns(TableSpec table) {
    if (!table.columnNames().isEmpty()) {
      return Optional.of(new LinkedHashSet<>(table.columnNames()));
    }
    if (!table.requireColumns().isEmpty()) {
      return Optional.of(new LinkedHashSet<>(table.requireColumns()));
    }
    return Optional.empty();
  }
}
