package runbook.expr.fn;

/** {@code dm:name(vg, lv)}: the device-mapper name LVM gives a logical volume. */
public final class DmFunctions {
  private DmFunctions() {}

  /** Every {@code -} doubled, then joined with {@code -}: {@code my-vg}, {@code thin-pool} give {@code my--vg-thin--pool}. */
  public static String name(Object vg, Object lv) {
    return escape(Args.text("dm:name", vg)) + "-" + escape(Args.text("dm:name", lv));
  }

  private static String escape(String part) {
    return part.replace("-", "--");
  }
}
