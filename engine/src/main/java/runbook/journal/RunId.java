package runbook.journal;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A run's id, {@code 20261125-163000-<playbook name>-<4 hex>}: sorts by start time (UTC), says what
 * ran, and the random suffix keeps two runs started in the same second apart.
 */
public final class RunId {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final Pattern FORM = Pattern.compile("^\\d{8}-\\d{6}-[a-z0-9][a-z0-9-]*-[0-9a-f]{4}$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunId() {}

  public static String create(Instant start, String playbookName) {
    byte[] suffix = new byte[2];
    RANDOM.nextBytes(suffix);
    return STAMP.format(start) + "-" + playbookName + "-" + HexFormat.of().formatHex(suffix);
  }

  /** True for a string of the form {@link #create} makes (and nothing that could leave the runs directory). */
  public static boolean isValid(String id) {
    return id != null && FORM.matcher(id).matches();
  }
}
