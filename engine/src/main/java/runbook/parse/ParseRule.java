package runbook.parse;

/**
 * Every rule the parsers report, with a stable id and a one-line summary. {@code runbook lint}
 * lists and documents these; an id never changes once released.
 */
public enum ParseRule {
  YAML_SYNTAX("yaml-syntax", "the file is not valid YAML"),
  YAML_LIMIT("yaml-limit", "the file exceeds a safety limit (size, nesting, aliases)"),
  DUPLICATE_KEY("duplicate-key", "a key appears twice in the same mapping"),
  UNKNOWN_KEY("unknown-key", "a key that this place does not accept"),
  UNUSED_KEY("unused-key", "a key that has no effect with the other keys given"),
  MISSING_KEY("missing-key", "a required key is absent"),
  WRONG_TYPE("wrong-type", "a value of the wrong kind (string, number, list, mapping...)"),
  BAD_VALUE("bad-value", "a value outside the allowed set or range"),
  BAD_NAME("bad-name", "a playbook, parameter or variable name that breaks the naming pattern"),
  NOT_ONE_LINE("not-one-line", "a title that spans more than one line"),
  NO_ACTION("no-action", "a step without an action key or steps list"),
  TWO_ACTIONS("two-actions", "a step with more than one action key"),
  CONFLICTING_KEYS("conflicting-keys", "keys that exclude each other are both given"),
  NO_CHECK("no-check", "an assert-output without any check"),
  EMPTY_LIST("empty-list", "a list that must have at least one element is empty"),
  BAD_ID("bad-id", "a step id that breaks ^[a-z][a-z0-9_]*$"),
  DUPLICATE_ID("duplicate-id", "two steps share an id"),
  UNKNOWN_STEP("unknown-step", "an `of` that names no step of the playbook"),
  NAME_CLASH("name-clash", "a parameter, variable and step id share a name"),
  BAD_PATTERN("bad-pattern", "a regular expression that does not compile"),
  BAD_DEFAULT("bad-default", "a parameter default that its own type, pattern or choices reject"),
  BAD_DURATION("bad-duration", "a duration that is not like 500ms, 90s, 10m, 2h"),
  BAD_SIZE("bad-size", "a byte size that is not like 4096, 8MiB, 4G"),
  UNREADABLE("unreadable-file", "the file does not exist or cannot be read");

  private final String id;
  private final String summary;

  ParseRule(String id, String summary) {
    this.id = id;
    this.summary = summary;
  }

  public String id() {
    return id;
  }

  public String summary() {
    return summary;
  }
}
