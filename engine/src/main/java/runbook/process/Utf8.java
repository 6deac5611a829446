package runbook.process;

/** Byte-level UTF-8 help for cutting text at a byte limit. */
final class Utf8 {
  private Utf8() {}

  /**
   * The length of {@code bytes[0..length)} without a multi-byte character that was cut at the
   * end; bytes that are not UTF-8 at all are left alone.
   */
  static int completeLength(byte[] bytes, int length) {
    // a character is at most 4 bytes: look back at most 3 for the start of the last one
    for (int back = 1; back <= Math.min(3, length); back++) {
      int b = bytes[length - back] & 0xff;
      if ((b & 0xc0) == 0x80) {
        continue;
      }
      int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return needed > back ? length - back : length;
    }
    return length;
  }
}
