package runbook.model;

import java.util.List;

/**
 * The keys of a playbook's top level and of each of its parameters, described once like the action
 * keys in {@link Actions}: the parser's key lists, {@code runbook render}, {@code runbook schema} and
 * docs/format.md's "Top level" and "Parameters" tables are made from these lists.
 */
public final class PlaybookKeys {
  /** Keys of one parameter. */
  public static final List<KeySpec> PARAM = List.of(
      KeySpec.of("description", ValueType.text("text"), false, Param.class, Param::description,
          "shown by `runbook doc` and in errors"),
      KeySpec.of("default", ValueType.SCALAR, false, Param.class, Param::defaultValue,
          "the value when the operator sets none; without it the param is required"),
      KeySpec.of("type", ValueType.choice(java.util.Arrays.stream(ParamType.values()).map(ParamType::key).toList()), false,
          Param.class, p -> p.type() == ParamType.STRING ? null : p.type().key(),
          "`string` (default), `int`, `bool` (`true`/`false`), `size` (`4G`, `512m`, `8MiB`, `512KB`, `<794.79g`, a plain number of bytes, `10s` for 512-byte sectors; every unit binary, `1k` = 1024), `path` (a path: not empty, not starting with `-`, no control characters; write `./-x` for a relative path that starts with `-`), `name` (a name such as a volume group: not empty, not starting with `-`, no `/`, blanks or control characters). Use `name` or `path` for every value that becomes a word of a command, so that `--set vg=--version` is refused instead of reaching the command as an option"),
      KeySpec.of("pattern", ValueType.text("regular expression"), false, Param.class, Param::pattern,
          "a regular expression the whole value must match"),
      KeySpec.of("choices", ValueType.SCALARS, false, Param.class, Param::choices,
          "the allowed values"),
      KeySpec.of("secret", ValueType.BOOL, false, Param.class, p -> p.secret() ? Boolean.TRUE : null,
          "`true`: the value is replaced by `***` in output, journal, report and log"),
      KeySpec.of("under", ValueType.text("absolute directory"), false, Param.class, Param::under,
          "with `type: path`: an absolute directory the value must stay in: an absolute path, no `..` component, inside that directory (`under: /` asks for an absolute path)"));

  /** Keys of the playbook's top level. */
  public static final List<KeySpec> TOP_LEVEL = List.of(
      KeySpec.of("runbook", ValueType.VERSION, true, Playbook.class, Playbook::version,
          "required: the format version; only `1` exists"),
      KeySpec.of("name", ValueType.NAME, true, Playbook.class, Playbook::name,
          "required, `[a-z0-9][a-z0-9-]*`; names the lock and the run ids"),
      KeySpec.of("title", ValueType.text("string"), true, Playbook.class, Playbook::title,
          "required, one line: what the playbook does"),
      KeySpec.of("description", ValueType.text("markdown"), false, Playbook.class, Playbook::description,
          "shown by `runbook doc` and under the title when a run starts"),
      KeySpec.of("requires", ValueType.PROGRAMS, false, Playbook.class, Playbook::requires,
          "all are looked up on `PATH` before the first step; every missing one is named"),
      KeySpec.of("params", ValueType.params(PARAM), false, Playbook.class, Playbook::params,
          "what the operator may set, see [Parameters](#parameters)"),
      KeySpec.of("env", ValueType.VARIABLES, false, Playbook.class, Playbook::env,
          "added to the environment of every command (the engine adds `RUNBOOK_RUN`, the run's id, last: it marks every process of the run, see [resume.md](resume.md#how-a-resume-works))"),
      KeySpec.of("vars", ValueType.VARIABLES, false, Playbook.class, Playbook::vars,
          "evaluated the first time an expression reads them, then kept"),
      KeySpec.of("steps", ValueType.STEPS, true, Playbook.class, Playbook::steps,
          "required (a variant has none of its own), at least one step, see below"));

  private PlaybookKeys() {}
}
