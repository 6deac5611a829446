package runbook.process;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a byte stream into lines for the live display, holding at most one bounded line. A line
 * longer than the bound is passed on once, cut and marked, and the rest of it is skipped.
 */
final class LineSplitter {
  private final byte[] line;
  private final Consumer<String> sink;
  private int length;
  private boolean skipping;

  /** Secrets are replaced before lines are cut, so a cut never leaves the start of one on screen. */
  private final Redactor.Stream redacted;

  LineSplitter(int maxBytes, Consumer<String> sink) {
    this(maxBytes, sink, Redactor.NONE);
  }

  LineSplitter(int maxBytes, Consumer<String> sink, Redactor redactor) {
    this.line = new byte[maxBytes];
    this.sink = sink;
    this.redacted = redactor.wrap(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        split(new byte[] {(byte) b}, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        split(java.util.Arrays.copyOfRange(b, off, off + len), len);
      }
    });
  }

  void accept(byte[] bytes, int count) {
    try {
      redacted.write(bytes, 0, count);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // the sink above cannot fail
    }
  }

  private void split(byte[] bytes, int count) {
    for (int i = 0; i < count; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        if (!skipping) {
          emit(false);
        }
        length = 0;
        skipping = false;
      } else if (!skipping) {
        if (length == line.length) {
          emit(true);
          skipping = true;
        } else {
          line[length++] = b;
        }
      }
    }
  }

  /** Passes on the last line when the stream did not end with a newline. */
  void finish() {
    try {
      redacted.finish();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (!skipping && length > 0) {
      emit(false);
    }
    length = 0;
  }

  private void emit(boolean cut) {
    int end = cut ? Utf8.completeLength(line, length) : length;
    if (!cut && end > 0 && line[end - 1] == '\r') {
      end--;
    }
    String text = new String(line, 0, end, StandardCharsets.UTF_8);
    sink.accept(cut ? text + OutputListener.CUT_MARK : text);
  }
}
