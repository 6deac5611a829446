package runbook.parse;

import java.util.List;
import runbook.diag.Rule;

/**
 * The rules the parsers report (playbooks, variants, scenarios, params files): what makes a file
 * unreadable. Each is a {@link Rule} like every other diagnostic's, listed in
 * {@code runbook.lint.LintRules}; an id never changes once released.
 */
public final class ParseRule {
  public static final Rule YAML_SYNTAX = Rule.error("yaml-syntax",
      "the file is not valid YAML", Rule.Section.PARSE);
  public static final Rule YAML_LIMIT = Rule.error("yaml-limit",
      "the file exceeds a safety limit (size, nesting, aliases)", Rule.Section.PARSE);
  public static final Rule DUPLICATE_KEY = Rule.error("duplicate-key",
      "a key appears twice in the same mapping", Rule.Section.PARSE);
  public static final Rule UNKNOWN_KEY = Rule.error("unknown-key",
      "a key that this place does not accept", Rule.Section.PARSE);
  public static final Rule UNUSED_KEY = Rule.error("unused-key",
      "a key that has no effect with the other keys given", Rule.Section.PARSE);
  public static final Rule MISSING_KEY = Rule.error("missing-key",
      "a required key is absent", Rule.Section.PARSE);
  public static final Rule WRONG_TYPE = Rule.error("wrong-type",
      "a value of the wrong kind (string, number, list, mapping...)", Rule.Section.PARSE);
  public static final Rule BAD_VALUE = Rule.error("bad-value",
      "a value outside the allowed set or range", Rule.Section.PARSE);
  public static final Rule BAD_NAME = Rule.error("bad-name",
      "a playbook, parameter or variable name that breaks the naming pattern", Rule.Section.PARSE);
  public static final Rule NOT_ONE_LINE = Rule.error("not-one-line",
      "a title that spans more than one line", Rule.Section.PARSE);
  public static final Rule NO_ACTION = Rule.error("no-action",
      "a step without an action key or steps list", Rule.Section.PARSE);
  public static final Rule TWO_ACTIONS = Rule.error("two-actions",
      "a step with more than one action key", Rule.Section.PARSE);
  public static final Rule CONFLICTING_KEYS = Rule.error("conflicting-keys",
      "keys that exclude each other are both given", Rule.Section.PARSE);
  public static final Rule NO_CHECK = Rule.error("no-check",
      "an assert-output without any check", Rule.Section.PARSE);
  public static final Rule EMPTY_LIST = Rule.error("empty-list",
      "a list that must have at least one element is empty", Rule.Section.PARSE);
  public static final Rule BAD_ID = Rule.error("bad-id",
      "a step id that breaks ^[a-z][a-z0-9_]*$", Rule.Section.PARSE);
  public static final Rule DUPLICATE_ID = Rule.error("duplicate-id",
      "two steps share an id", Rule.Section.PARSE);
  public static final Rule UNKNOWN_STEP = Rule.error("unknown-step",
      "an `of` that names no step of the playbook", Rule.Section.PARSE);
  public static final Rule NAME_CLASH = Rule.error("name-clash",
      "a parameter, variable and step id share a name", Rule.Section.PARSE);
  public static final Rule BAD_PATTERN = Rule.error("bad-pattern",
      "a regular expression that does not compile", Rule.Section.PARSE);
  public static final Rule BAD_DEFAULT = Rule.error("bad-default",
      "a parameter default that its own type, pattern or choices reject", Rule.Section.PARSE);
  public static final Rule BAD_DURATION = Rule.error("bad-duration",
      "a duration that is not like 500ms, 90s, 10m, 2h", Rule.Section.PARSE);
  public static final Rule BAD_SIZE = Rule.error("bad-size",
      "a byte size that is not like 4096, 8MiB, 4G", Rule.Section.PARSE);
  public static final Rule UNREADABLE = Rule.error("unreadable-file",
      "the file does not exist or cannot be read", Rule.Section.PARSE);

  /** Every rule of this kind, in the order docs/lint-rules.md documents them. */
  public static final List<Rule> ALL = List.of(
      YAML_SYNTAX,
      YAML_LIMIT,
      DUPLICATE_KEY,
      UNKNOWN_KEY,
      UNUSED_KEY,
      MISSING_KEY,
      WRONG_TYPE,
      BAD_VALUE,
      BAD_NAME,
      NOT_ONE_LINE,
      NO_ACTION,
      TWO_ACTIONS,
      CONFLICTING_KEYS,
      NO_CHECK,
      EMPTY_LIST,
      BAD_ID,
      DUPLICATE_ID,
      UNKNOWN_STEP,
      NAME_CLASH,
      BAD_PATTERN,
      BAD_DEFAULT,
      BAD_DURATION,
      BAD_SIZE,
      UNREADABLE);

  private ParseRule() {}
}
