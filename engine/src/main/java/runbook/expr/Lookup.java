package runbook.expr;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Failures of a field read inside the sandbox, raised through JEXL and translated back into diagnostics. */
final class Lookup {
  private Lookup() {}

  /** A map has no such key. */
  static final class MissingKey extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String key;
    final transient List<String> keys;

    MissingKey(String key, Collection<?> keys) {
      super("no key `" + key + "` in this map");
      this.key = key;
      this.keys = keys.stream().map(String::valueOf).sorted().collect(Collectors.toList());
    }
  }

  /** A list index out of range. */
  static final class BadIndex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadIndex(String message) {
      super(message);
    }
  }

  /** A read the sandbox does not allow. */
  static final class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Forbidden(String message) {
      super(message);
    }
  }
}
