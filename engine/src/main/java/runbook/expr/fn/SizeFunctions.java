package runbook.expr.fn;

import runbook.units.Sizes;

/** {@code size:bytes('4G')} and {@code size:human(n)}, with the units LVM uses. */
public final class SizeFunctions {
  private SizeFunctions() {}

  /** Bytes from a size text ({@code 4G}, {@code <794.79g}) or a number of bytes. */
  public static long bytes(Object size) {
    if (size instanceof Number && Args.integral((Number) size)) {
      return ((Number) size).longValue();
    }
    return Sizes.parseBytes(Args.text("size:bytes", size));
  }

  public static String human(Object bytes) {
    return Sizes.human(Args.number("size:human", bytes).longValue());
  }
}
