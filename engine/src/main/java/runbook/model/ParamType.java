package runbook.model;

/** The type of an operator-supplied parameter; values are checked against it before the first step. */
public enum ParamType {
  STRING("string"),
  INT("int"),
  BOOL("bool"),
  SIZE("size"),
  PATH("path"),
  NAME("name");

  private final String key;

  ParamType(String key) {
    this.key = key;
  }

  /**
   * What keeps a {@code name} or {@code path} value from being read as an option or reaching
   * elsewhere: null when {@code value} passes, else what is wrong with it ("starts with `-`, ...").
   * {@code under} confines a path to a directory (lexically: no {@code ..}); null for none.
   */
  public static String guardProblem(ParamType type, String value, String under) {
    if (type != NAME && type != PATH) {
      return null;
    }
    if (value.isEmpty()) {
      return "is empty";
    }
    if (value.startsWith("-")) {
      return "starts with `-`, so a command would read it as an option"
          + (type == PATH ? " (write ./" + value + " for a relative path)" : "");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "holds a control character (" + (c == 0 ? "NUL" : c == '\n' ? "a newline" : String.format("0x%02x", (int) c)) + ")";
      }
      if (type == NAME && (c == '/' || Character.isWhitespace(c))) {
        return "holds " + (c == '/' ? "`/`" : "a blank") + ", which a name cannot";
      }
    }
    if (type == PATH && under != null) {
      java.nio.file.Path dir = java.nio.file.Path.of(under).normalize();
      java.nio.file.Path path = java.nio.file.Path.of(value);
      boolean dots = false;
      for (java.nio.file.Path part : path) {
        dots |= part.toString().equals("..");
      }
      if (dots || !path.isAbsolute() || !path.normalize().startsWith(dir)) {
        return "is not under " + under + " (an absolute path without `..` inside it)";
      }
    }
    return null;
  }

  /** The name used in playbooks. */
  public String key() {
    return key;
  }
}
