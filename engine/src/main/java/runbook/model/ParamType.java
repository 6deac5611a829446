package runbook.model;

/** The type of an operator-supplied parameter; values are checked against it before the first step. */
public enum ParamType {
  STRING("string"),
  INT("int"),
  BOOL("bool"),
  SIZE("size"),
  PATH("path");

  private final String key;

  ParamType(String key) {
    this.key = key;
  }

  /** The name used in playbooks. */
  public String key() {
    return key;
  }
}
