package runbook.json;

import java.time.Instant;

/**
 * The times of the journal, the event log and the run log, written as {@link Instant#toString()}
 * writes them ({@code 2026-12-03T19:19:16.119532Z}: the fraction in groups of three digits, none
 * when it is zero), or with an offset for the run log's local time. Done by hand because a run
 * writes some seven hundred of them, and {@code java.time}'s formatter, interpreted in a short-lived
 * JVM, cost about 40 ms of CPU time for those (docs/performance.md, Steps). {@code TimestampsTest}
 * compares the two over many instants.
 */
public final class Timestamps {
  private Timestamps() {}

  /** The same text as {@code instant.toString()}. */
  public static String iso(Instant instant) {
    StringBuilder b = new StringBuilder(32);
    if (!append(b, instant.getEpochSecond(), instant.getNano())) {
      return instant.toString();
    }
    return b.append('Z').toString();
  }

  /**
   * {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX} of the instant {@code millis} at {@code offsetSeconds} from
   * UTC ({@code Z} at none), as {@code DateTimeFormatter.ofPattern} writes it.
   */
  public static void appendMillis(StringBuilder b, long millis, int offsetSeconds) {
    long seconds = Math.floorDiv(millis, 1000L) + offsetSeconds;
    int milli = (int) Math.floorMod(millis, 1000L);
    date(b, Math.floorDiv(seconds, 86_400L), (int) Math.floorMod(seconds, 86_400L));
    b.append('.');
    digits(b, milli, 3);
    if (offsetSeconds == 0) {
      b.append('Z');
      return;
    }
    int abs = Math.abs(offsetSeconds);
    b.append(offsetSeconds < 0 ? '-' : '+');
    digits(b, abs / 3600, 2);
    b.append(':');
    digits(b, abs / 60 % 60, 2); // XXX has no seconds
  }

  /** Appends the date, time and fraction of {@link Instant#toString()}; false for a year outside 0 to 9999. */
  private static boolean append(StringBuilder b, long epochSecond, int nano) {
    long day = Math.floorDiv(epochSecond, 86_400L);
    // 0000-01-01 and 9999-12-31 as days since 1970-01-01: the years written with four digits, no sign
    if (day < -719_528L || day > 2_932_896L) {
      return false;
    }
    date(b, day, (int) Math.floorMod(epochSecond, 86_400L));
    if (nano != 0) {
      b.append('.');
      if (nano % 1_000_000 == 0) {
        digits(b, nano / 1_000_000, 3);
      } else if (nano % 1000 == 0) {
        digits(b, nano / 1000, 6);
      } else {
        digits(b, nano, 9);
      }
    }
    return true;
  }

  /** {@code yyyy-MM-ddTHH:mm:ss} of a day since 1970-01-01 and a second of that day. */
  private static void date(StringBuilder b, long epochDay, int secondOfDay) {
    // the civil calendar from a day count (proleptic Gregorian, eras of 400 years)
    long z = epochDay + 719_468L;
    long era = Math.floorDiv(z, 146_097L);
    long doe = z - era * 146_097L;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    digits(b, (int) year, 4);
    b.append('-');
    digits(b, month, 2);
    b.append('-');
    digits(b, day, 2);
    b.append('T');
    digits(b, secondOfDay / 3600, 2);
    b.append(':');
    digits(b, secondOfDay / 60 % 60, 2);
    b.append(':');
    digits(b, secondOfDay % 60, 2);
  }

  private static void digits(StringBuilder b, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    b.append(s);
  }
}
