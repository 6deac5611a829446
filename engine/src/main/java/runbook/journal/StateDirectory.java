package runbook.journal;

import java.nio.file.Path;
import java.util.Map;

/** Where runs are kept: {@code --state-dir}, else {@code RUNBOOK_STATE_DIR}, else a per-user default. */
public final class StateDirectory {
  private StateDirectory() {}

  /**
   * @param option the {@code --state-dir} value; null when not given
   * @param env the engine's environment
   * @param user the name of the user running the engine
   * @param home the user's home directory
   */
  public static Path resolve(Path option, Map<String, String> env, String user, Path home) {
    if (option != null) {
      return option.toAbsolutePath().normalize();
    }
    String fromEnv = env.get("RUNBOOK_STATE_DIR");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath().normalize();
    }
    if ("root".equals(user)) {
      return Path.of("/var/lib/runbook");
    }
    String xdg = env.get("XDG_STATE_HOME");
    // the XDG base directory spec says a relative value is invalid and must be ignored
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "runbook");
    }
    return home.resolve(".local/state/runbook");
  }
}
