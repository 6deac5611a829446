package runbook.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as LVM and operators write them. One parser serves {@code parse-table}'s
 * {@code bytes} type, {@code size} params, {@code capture} and the {@code size:} functions.
 *
 * <p>Accepted: {@code 4096}, {@code 8.00m}, {@code 2.61t}, {@code <794.79g} (LVM's rounding marks
 * {@code <} and {@code >}), {@code 4,54t} (a decimal comma from a non-C locale), {@code 4G},
 * {@code 8MiB}, {@code 512KB}, {@code 10s} (512-byte sectors, as LVM's {@code --units s}). Every
 * unit is binary, as in LVM: {@code 1k = 1024}.
 */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("^\\s*[<>]?\\s*(\\d+(?:[.,]\\d+)?)\\s*([bskmgtpe])?(?:i?b)?\\s*$", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  /**
   * The size in bytes, rounded to the nearest byte.
   *
   * @throws IllegalArgumentException with a message naming what was found and what is accepted
   */
  public static long parseBytes(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a size: '" + text + "' (expected a number with an optional unit b, s, k, m, g, t, p, e, e.g. 4096, 8.00m, 4G)");
    }
    BigDecimal number = new BigDecimal(m.group(1).replace(',', '.'));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    BigDecimal factor = BigDecimal.valueOf(multiplier(unit.charAt(0)));
    try {
      return number.multiply(factor).setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("size too large: '" + text + "'", e);
    }
  }

  /** Human form with a binary unit and two decimals at most, as LVM prints: {@code 4.00g}. */
  public static String human(long bytes) {
    String units = "bkmgtpe";
    double v = bytes;
    int i = 0;
    while (Math.abs(v) >= 1024 && i < units.length() - 1) {
      v /= 1024;
      i++;
    }
    if (i == 0) {
      return bytes + "b";
    }
    return String.format(Locale.ROOT, "%.2f%c", v, units.charAt(i));
  }

  private static long multiplier(char unit) {
    return switch (unit) {
      case 'b' -> 1L;
      case 's' -> 512L;
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      case 't' -> 1L << 40;
      case 'p' -> 1L << 50;
      case 'e' -> 1L << 60;
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }
}
