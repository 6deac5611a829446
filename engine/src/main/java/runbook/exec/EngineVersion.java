package runbook.exec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version, from the build (journaled with every run, printed by {@code --version}). */
public final class EngineVersion {
  private EngineVersion() {}

  public static String get() {
    try (InputStream in = EngineVersion.class.getResourceAsStream("/runbook/version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // the resource is inside our own jar: unreadable means a broken build, reported as unknown
    }
    return "unknown";
  }
}
