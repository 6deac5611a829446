package runbook.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keeps the first {@code limit} bytes of a stream and remembers whether more came. */
final class CaptureBuffer {
  private final long limit;
  private byte[] data = new byte[0];
  private int size;
  private boolean truncated;

  CaptureBuffer(long limit) {
    this.limit = limit;
  }

  synchronized void add(byte[] bytes, int length) {
    int room = (int) Math.min(limit - size, length);
    if (room < length) {
      truncated = true;
    }
    if (room <= 0) {
      return;
    }
    if (size + room > data.length) {
      // grow by doubling, but never past the limit: a small output costs a small buffer
      long wanted = Math.max(size + room, Math.min(limit, Math.max(8192L, 2L * data.length)));
      data = Arrays.copyOf(data, (int) wanted);
    }
    System.arraycopy(bytes, 0, data, size, room);
    size += room;
  }

  /** Marks the capture as incomplete although nothing was added: the bytes went elsewhere. */
  synchronized void markTruncated() {
    truncated = true;
  }

  synchronized Capture capture() {
    // a cut inside a multi-byte character would decode to U+FFFD: drop the broken tail instead
    int end = truncated ? Utf8.completeLength(data, size) : size;
    return new Capture(new String(data, 0, end, StandardCharsets.UTF_8), truncated);
  }
}
