package runbook.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every action of the format, described once: its keys with their types and docs, and its result
 * fields. The parser opens each mapping with these lists (which keys it accepts, which are required,
 * and as which kind each is read: {@code MappingReader.described}), lint takes the result fields,
 * {@code runbook schema}, {@code render}, {@code doc} and docs/format.md's key and result tables are
 * made from them. To add a key: add it to the action's list here and build the model's value from
 * it in the action's reader; {@code DescriptorSourceTest} then checks it in every one of those places.
 */
public final class Actions {
  /** Keys of {@code retry}. */
  public static final List<KeySpec> RETRY_KEYS = List.of(
      KeySpec.of("attempts", ValueType.COUNT, true, Retry.class, r -> r.attempts(),
          "how many times the step runs at most, at least 1"),
      KeySpec.of("delay", ValueType.DURATION, false, Retry.class, Retry::delay,
          "the pause between attempts; none: the next attempt starts at once"),
      KeySpec.of("until", ValueType.EXPRESSION, false, Retry.class, Retry::until,
          "the condition that ends the attempts; absent: until the step succeeds"));

  /** Keys of every step, whatever its action. */
  public static final List<KeySpec> COMMON = List.of(
      KeySpec.of("id", ValueType.STEP_ID, true, StepInfo.class, i -> i.id().isEmpty() ? null : new Ref(i.id(), i.span()),
          "required, `^[a-z][a-z0-9_]*$`, unique in the resolved playbook (groups, `fix` and `on-failure` steps included); expressions reach the step's results by it"),
      KeySpec.of("title", ValueType.TEMPLATE, true, StepInfo.class, StepInfo::title,
          "required, one line (a template); what the operator sees"),
      KeySpec.of("doc", ValueType.MARKDOWN, false, StepInfo.class, StepInfo::doc,
          "markdown (a template): why the step exists, what to do when it fails; shown with `--step`, on failure, and by `runbook doc`"),
      KeySpec.of("when", ValueType.EXPRESSION, false, StepInfo.class, StepInfo::when,
          "expression; false skips the step (or the whole group), recorded as `skipped`"),
      KeySpec.of("changes", ValueType.BOOL, false, StepInfo.class, StepInfo::changes,
          "`true` if the step changes the system. Default `true` for `run`, `false` for the other actions. A dry run executes only steps with `changes: false`"),
      KeySpec.of("timeout", ValueType.DURATION, false, StepInfo.class, StepInfo::timeout,
          "a duration; the command's whole process group is killed when it expires. On a step that runs several commands (a probe, a `wait`, `retry` attempts) each command has the whole duration. On a [group](#groups) it is a deadline for everything in the group: the command running when it passes is killed, no command starts after it, and the group fails; its `on-failure` steps still run. A confirm is never cut short"),
      KeySpec.of("retry", ValueType.mapping(RETRY_KEYS), false, StepInfo.class, StepInfo::retry,
          "`{attempts: 5, delay: 2s, until: <expression>}`: run again until `until` holds, or until the step succeeds when `until` is absent. `attempts` is required (at least 1); without `delay` the next attempt starts at once"),
      KeySpec.of("continue-on-error", ValueType.BOOL, false, StepInfo.class, i -> i.continueOnError() ? Boolean.TRUE : null,
          "`true`: a failure is recorded (`<id>.failed`) and the run goes on; such a failure alone does not make the run fail"),
      KeySpec.of("on-failure", ValueType.STEPS, false, StepInfo.class, StepInfo::onFailure,
          "steps run when this step or group fails, and a group's also when the run stops inside it (a confirm declined, a required state not reached), so that they can undo or say how; the run still fails (or stays aborted) afterwards unless `continue-on-error`"),
      KeySpec.of("confirmed-by", ValueType.STEP_ID, false, StepInfo.class, StepInfo::confirmedBy,
          "the id of a `confirm` with `type-to-confirm` that aborts on decline and must have been approved before this step runs, on every path; lint and the run refuse a playbook, or a variant, that removes or weakens that guard (rule `guard-weakened`)"),
      KeySpec.of("reason", ValueType.TEMPLATE, false, StepInfo.class, StepInfo::reason,
          "a template: why the step is skipped when its `when` is false, in the operator's words; shown on screen and in the report instead of the expression (needs `when`)"),
      KeySpec.of("if-stopped", ValueType.TEMPLATE, false, StepInfo.class, StepInfo::ifStopped,
          "a template: the state the host is in when the run stops (fails, is aborted or interrupted) at this step or at any later one, until a later step that began says otherwise, and what to do; the failure screen and the report show it (see [runtime.md](runtime.md#runbook-run))"),
      KeySpec.of("summary", ValueType.TEMPLATE, false, StepInfo.class, StepInfo::summary,
          "a template shown at the end of a successful run in which this step ran: the outcome, the backups, the next checks"));

  /** Keys of {@code run}: the command and its options, wherever a command is (a run step, a table's or a probe's inline {@code run}). */
  public static final List<KeySpec> COMMAND = List.of(
      KeySpec.of("run", ValueType.COMMAND_LINE, false, Command.class, c -> c.line() != null ? c.line() : c.args(),
          "string form: split into words by POSIX quoting rules (`'...'`, `\"...\"`, `\\`), **without a shell**: `|`, `>`, `*`, `$VAR` are plain characters. A `${...}` is expanded after the split and always stays inside its one word, whatever the value holds. List form: one argument per element"),
      KeySpec.of("shell", ValueType.BOOL, false, Command.class, c -> c.shell() ? Boolean.TRUE : null,
          "`true`: the string goes to `bash -o errexit -o nounset -o pipefail -c`; no value is ever part of the script: each `${...}` is passed in the environment and referenced for its quoting context, so quotes, `$(...)` or newlines in a value never run (see [expressions.md](expressions.md)). Only for real shell syntax (pipes, redirection). `shell: true` with the list form is an error"),
      KeySpec.of("stdin", ValueType.TEMPLATE, false, Command.class, Command::stdin,
          "text (a template) written to the command's standard input"),
      KeySpec.of("env", ValueType.TEMPLATE_MAP, false, Command.class, Command::env,
          "`{NAME: template}` added to this command's environment"),
      KeySpec.of("cwd", ValueType.TEMPLATE, false, Command.class, Command::cwd,
          "working directory (a template)"),
      KeySpec.of("expect-exit", ValueType.EXIT_CODES, false, Command.class, c -> c.expectExit().equals(List.of(0)) ? null : c.expectExit(),
          "`0` (default), one code, or a list (`[0, 5]`), each 0 to 255; any other exit code fails the step"),
      KeySpec.of("output-file", ValueType.TEMPLATE, false, Command.class, Command::outputFile,
          "stdout is streamed into this file (a template) through a new file `.<name>.<random>.partial` in the same directory (created exclusively, `0600`, under a name nobody can predict), renamed over the target only when the step succeeds (a replaced file keeps its permission bits; a new one is readable by the engine's user only; a failed step's message names the partial file it left); it is not kept in memory, so `<id>.stdout` and `<id>.lines` cannot be read (reading them is an error that names the file; read the file with a later step), and `<id>.output_file` holds its path. For outputs of any size"),
      KeySpec.of("accept-secret-in-argv", ValueType.NAMES, false, Command.class, Command::secretsInArgv,
          "a secret param (or a var built from one), or a list of them, that this command may have in its arguments, where every local user reads it in the process list while the command runs. Without it a run refuses, before the first step, a command whose arguments hold a secret (rule `secret-in-argv`), and never starts a command whose arguments hold a secret's value. Only for a program that takes a secret no other way; the value is still masked in output, journal and report. Prefer `stdin:` or `env:`"),
      KeySpec.of("capture", ValueType.SIZE, false, Command.class, c -> c.captureBytes() == Command.DEFAULT_CAPTURE ? null : c.captureBytes(),
          "how much of stdout and of stderr is kept in memory for expressions, a size (default `8MiB`; `64k`, `512KiB`...). Every byte is always written to the run directory; a later expression that reads a truncated output fails and says so"));

  /** Keys of {@code assert-output}. */
  public static final List<KeySpec> ASSERT_OUTPUT_KEYS = List.of(
      KeySpec.of("of", ValueType.STEP_ID, false, AssertOutputStep.class, AssertOutputStep::of,
          "the `run` step whose output is checked; default: the nearest `run` step before this one in the file"),
      KeySpec.of("stream", ValueType.choice(keys(OutputStream.values(), OutputStream::key)), false, AssertOutputStep.class, a -> a.stream() == OutputStream.STDOUT ? null : a.stream().key(),
          "`stdout` (default), `stderr`, or `both`"),
      KeySpec.of("contains", ValueType.TEMPLATES, false, AssertOutputStep.class, AssertOutputStep::contains,
          "text (or list of texts) that must occur"),
      KeySpec.of("not-contains", ValueType.TEMPLATES, false, AssertOutputStep.class, AssertOutputStep::notContains,
          "text (or list) that must not occur"),
      KeySpec.of("matches", ValueType.PATTERNS, false, AssertOutputStep.class, AssertOutputStep::matches,
          "regular expression (or list) that must find a match, `^` and `$` matching at every line; named groups become `<id>.match.<name>`"),
      KeySpec.of("not-matches", ValueType.PATTERNS, false, AssertOutputStep.class, AssertOutputStep::notMatches,
          "regular expression (or list) that must not find a match"),
      KeySpec.of("equals", ValueType.TEMPLATES, false, AssertOutputStep.class, AssertOutputStep::equals,
          "the whole output, trailing newlines ignored, must equal this text (with a list: one of them)"),
      KeySpec.of("that", ValueType.EXPRESSION, false, AssertOutputStep.class, AssertOutputStep::that,
          "an expression over `out`, `err` and `exit`"),
      KeySpec.of("message", ValueType.TEMPLATE, false, AssertOutputStep.class, AssertOutputStep::message,
          "what the operator reads when the assertion fails (a template)"));

  /** Keys of {@code parse-table}. */
  public static final List<KeySpec> TABLE_KEYS = List.of(
      KeySpec.of("of", ValueType.STEP_ID, false, TableSpec.class, TableSpec::of,
          "read this earlier step's stdout ..."),
      KeySpec.of("run", ValueType.INLINE_COMMAND, false, TableSpec.class, TableSpec::run,
          "... or run this command (exactly one of `of` and `run`). With `run` the command keys of a `run` step apply (`shell`, `stdin`, `env`, `cwd`, `expect-exit`, `accept-secret-in-argv`, `capture`); with `of` they are an error. The step is read-only (`changes: false`) unless it says otherwise"),
      KeySpec.of("format", ValueType.choice(keys(TableFormat.values(), TableFormat::key)), true, TableSpec.class, t -> t.format().key(),
          "required: `aligned` (human output with a header line), `delimited` (one row per line split on `separator`), `json`"),
      KeySpec.of("separator", ValueType.TEXT, false, TableSpec.class, TableSpec::separator,
          "required with `delimited`, an error with the other formats: the literal separator, not empty"),
      KeySpec.of("json-path", ValueType.TEXT, false, TableSpec.class, TableSpec::jsonPath,
          "required with `json`, an error with the other formats: where the list of rows is, e.g. `report[0].lv`"),
      KeySpec.of("columns", ValueType.COLUMNS, false, TableSpec.class, t -> t.columnNames().isEmpty() ? t.columnRenames() : t.columnNames(),
          "a list names the columns in order; a map renames header columns (`{LSize: size}`)"),
      KeySpec.of("require-columns", ValueType.COLUMN_NAMES, false, TableSpec.class, TableSpec::requireColumns,
          "the columns the table must have (names after renaming); the header is checked against it when the step runs, and lint refuses reading a column that neither this list nor a `columns` list declares"),
      KeySpec.of("types", ValueType.columnTypes(keys(ColumnType.values(), ColumnType::key)), false, TableSpec.class, TableSpec::types,
          "column to type: `string` (default), `int`, `number`, `bool`, `percent`, `bytes`"));

  /** What a {@code require-state} probe reads: exactly one of these. */
  public static final List<KeySpec> PROBE_KEYS = List.of(
      KeySpec.of("run", ValueType.INLINE_COMMAND, false, Probe.class, p -> p instanceof Probe.RunProbe r ? r.command() : null,
          "run this command, with the keys of a `run` step"),
      KeySpec.of("parse-table", ValueType.mapping(TABLE_KEYS), false, Probe.class, p -> p instanceof Probe.TableProbe t ? t.table() : null,
          "read this table, with the keys of a `parse-table`"),
      KeySpec.of("of", ValueType.STEP_ID, false, Probe.class, p -> p instanceof Probe.OfStep o ? o.of() : null,
          "run that earlier read-only `run` or `parse-table` step again"));

  /** Keys of a {@code require-state}'s {@code wait}. */
  public static final List<KeySpec> WAIT_KEYS = List.of(
      KeySpec.of("timeout", ValueType.DURATION, true, RequireStateStep.class, RequireStateStep::waitTimeout,
          "give up when the state does not hold after this long"),
      KeySpec.of("every", ValueType.DURATION, true, RequireStateStep.class, RequireStateStep::waitEvery,
          "the pause between probes"));

  /** Keys of {@code require-state}. */
  public static final List<KeySpec> REQUIRE_STATE_KEYS = List.of(
      KeySpec.of("probe", ValueType.oneOf(PROBE_KEYS), true, RequireStateStep.class, RequireStateStep::probe,
          "required; what is read, always read-only: exactly one of `run: ...` (a command with the `run` keys), `parse-table: {...}`, or `of: <step id>` (run that read-only `run` or `parse-table` step again; its output is kept under this step's id)"),
      KeySpec.of("that", ValueType.EXPRESSION, true, RequireStateStep.class, RequireStateStep::that,
          "required: the condition; the probe's result is `probe`"),
      KeySpec.of("wait", ValueType.mapping(WAIT_KEYS), false, RequireStateStep.class, s -> s.waitTimeout() == null ? null : s,
          "`{timeout, every}`, both required durations: probe again every `every` until `that` holds or `timeout` expires"),
      KeySpec.of("fix", ValueType.STEPS, false, RequireStateStep.class, RequireStateStep::fix,
          "steps run once when the state does not hold; then the probe runs again"),
      KeySpec.of("message", ValueType.TEMPLATE, false, RequireStateStep.class, RequireStateStep::message,
          "what the operator reads when the state is not reached (a template; `probe` is in scope)"));

  /** Keys of {@code confirm}. */
  public static final List<KeySpec> CONFIRM_KEYS = List.of(
      KeySpec.of("prompt", ValueType.TEMPLATE, true, ConfirmStep.class, ConfirmStep::prompt,
          "required: what the operator is asked (a template)"),
      KeySpec.of("type-to-confirm", ValueType.TEMPLATE, false, ConfirmStep.class, ConfirmStep::typeToConfirm,
          "the operator must type exactly this text (a template)"),
      KeySpec.of("on-decline", ValueType.choice(keys(OnDecline.values(), OnDecline::key)), false, ConfirmStep.class, c -> c.onDecline() == OnDecline.ABORT ? null : c.onDecline().key(),
          "`abort` (default): the run stops as aborted (exit 3) before anything after it runs; `skip`: the run goes on with `<id>.approved` false"));

  /** Keys of a group. */
  public static final List<KeySpec> GROUP_KEYS = List.of(
      KeySpec.of("steps", ValueType.STEPS, true, GroupStep.class, GroupStep::steps,
          "required, at least one: the steps of the group, run in order"));

  /** Keys of {@code retry}, by name. */
  public static final List<String> RETRY = names(RETRY_KEYS);

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

  /** What expressions read of the run itself: {@code run.dry}, {@code run.id}, {@code run.dir}. */
  public static final List<ResultField> RUN_CONTEXT = List.of(
      new ResultField("dry", "bool", "true in a dry run"),
      new ResultField("id", "text", "the run's id"),
      new ResultField("dir", "text", "the run directory"));

  /** Fields of a table. */
  public static final List<ResultField> TABLE_RESULTS = List.of(
      new ResultField("rows", "list of rows", "list of maps, one per row, by column name"),
      new ResultField("count", "int", "row count"),
      new ResultField("columns", "list of text", "column names"));

  public static final ActionSpec RUN = new ActionSpec("run", "Execute a command.", RunStep.class,
      s -> ((RunStep) s).command(), COMMAND, List.of(), COMMAND_RESULTS);

  public static final ActionSpec ASSERT_OUTPUT = new ActionSpec("assert-output",
      "Check what an earlier command printed; a failed assertion fails the step with its message.",
      AssertOutputStep.class, s -> s, List.of(), ASSERT_OUTPUT_KEYS,
      List.of(new ResultField("match", "map of text",
          "the named groups of `matches` (empty without them): `<id>.match.<group>` is the group's text")));

  public static final ActionSpec PARSE_TABLE = new ActionSpec("parse-table", "Turn column output into rows.",
      ParseTableStep.class, s -> ((ParseTableStep) s).table(), List.of(), TABLE_KEYS, TABLE_RESULTS);

  public static final ActionSpec REQUIRE_STATE = new ActionSpec("require-state",
      "A precondition that must hold, or be made to hold by `fix`; when it is not reached the run ends as"
          + " aborted (exit code 3).",
      RequireStateStep.class, s -> s, List.of(), REQUIRE_STATE_KEYS,
      List.of(new ResultField("probe", "result", "the last probe's result, with the fields of what it read")));

  public static final ActionSpec CONFIRM = new ActionSpec("confirm",
      "A human decision. Without a terminal it is approved only by `--yes` or `--approve <id>`.",
      ConfirmStep.class, s -> s, List.of(), CONFIRM_KEYS,
      List.of(new ResultField("approved", "bool", "whether the operator approved")));

  public static final ActionSpec GROUP = new ActionSpec("steps",
      "A group: its steps run in order; its `when` skips the whole group and its `on-failure` runs when any"
          + " of them fails.",
      GroupStep.class, s -> s, GROUP_KEYS, List.of(), List.of());

  /** Every action, in the order of the format reference. */
  public static final List<ActionSpec> ALL = List.of(RUN, ASSERT_OUTPUT, PARSE_TABLE, REQUIRE_STATE, CONFIRM, GROUP);

  /** Named groups of a regular expression: {@code (?<name>...)}. */
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private Actions() {}

  /** The words of an enum's constants, as the format writes them. */
  private static <E extends Enum<E>> List<String> keys(E[] values, Function<E, String> key) {
    return java.util.Arrays.stream(values).map(key).toList();
  }

  /** The descriptor of a step's action. */
  public static ActionSpec of(Step step) {
    for (ActionSpec a : ALL) {
      if (a.model().isInstance(step)) {
        return a;
      }
    }
    throw new IllegalStateException("no descriptor for " + step.getClass());
  }

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

  /**
   * Every key a mapping with {@code keys} accepts: their names, where an inline command brings the
   * command's options along.
   */
  public static List<String> accepted(List<KeySpec> keys) {
    List<String> out = new ArrayList<>();
    for (KeySpec k : keys) {
      out.add(k.name());
      if (k.type().kind() == ValueType.Kind.INLINE_COMMAND) {
        out.addAll(commandOptions());
      }
    }
    return List.copyOf(out);
  }

  /** Every key a {@code parse-table} mapping may hold: its own and, with {@code run}, the command's options. */
  public static List<String> tableKeys() {
    return accepted(TABLE_KEYS);
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
