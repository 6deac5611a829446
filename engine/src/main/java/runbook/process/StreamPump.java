package runbook.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Copies one output stream of a command, chunk by chunk, into its file, its capture and its
 * line splitter, so memory use does not depend on how much the command writes. A failing write
 * (a full disk) is remembered and the stream is still drained, so the command is never blocked.
 */
final class StreamPump implements Runnable {
  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final FileChannel sink;
  private final Redactor.Stream out;
  private final Path sinkPath;
  private final boolean syncAtEnd;
  private final CaptureBuffer capture;
  private final LineSplitter lines;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long bytes;
  private volatile IOException failure;
  private volatile RuntimeException listenerFailure;

  /**
   * @param redactor what is replaced in the file as it is written (the run's secrets, in a step's
   *     log); {@link Redactor#NONE} for an output file, which holds data
   * @param syncAtEnd force the file to disk before closing it (an output file is often the only
   *     copy of what the command read, e.g. a metadata dump)
   * @param lines null when nobody watches this stream
   */
  StreamPump(InputStream in, FileChannel sink, Redactor redactor, Path sinkPath, boolean syncAtEnd, CaptureBuffer capture,
      LineSplitter lines) {
    this.in = in;
    this.sink = sink;
    this.out = redactor.wrap(Channels.newOutputStream(sink));
    this.sinkPath = sinkPath;
    this.syncAtEnd = syncAtEnd;
    this.capture = capture;
    this.lines = lines;
  }

  @Override
  public void run() {
    try (sink) {
      byte[] buffer = new byte[CHUNK];
      int n;
      while ((n = in.read(buffer)) != -1) {
        bytes += n;
        write(buffer, n);
        capture.add(buffer, n);
        showLines(buffer, n);
      }
      if (lines != null && listenerFailure == null) {
        lines.finish();
      }
      finishWriting();
      if (syncAtEnd && failure == null) {
        sink.force(true);
      }
    } catch (IOException e) {
      failure = failure != null ? failure : new IOException("cannot read the output for " + sinkPath + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      listenerFailure = e;
    } finally {
      done.countDown();
    }
  }

  private void write(byte[] buffer, int n) {
    if (failure != null) {
      return;
    }
    try {
      out.write(buffer, 0, n);
    } catch (IOException e) {
      failure = new IOException("cannot write " + sinkPath + ": " + runbook.files.DiskSpace.explain(sinkPath, e), e);
    }
  }

  /** Writes what the redactor held back (the start of what might have been a secret). */
  private void finishWriting() {
    if (failure != null) {
      return;
    }
    try {
      out.finish();
    } catch (IOException e) {
      failure = new IOException("cannot write " + sinkPath + ": " + runbook.files.DiskSpace.explain(sinkPath, e), e);
    }
  }

  private void showLines(byte[] buffer, int n) {
    if (lines == null || listenerFailure != null) {
      return;
    }
    try {
      lines.accept(buffer, n);
    } catch (RuntimeException e) {
      // a broken display must not lose output: stop showing, keep copying, report at the end
      listenerFailure = e;
    }
  }

  /** Waits until the stream ended; false when it is still open after {@code limit}. */
  boolean await(Duration limit) throws InterruptedException {
    return done.await(limit.toNanos(), TimeUnit.NANOSECONDS);
  }

  boolean finished() {
    return done.getCount() == 0;
  }

  long bytes() {
    return bytes;
  }

  Capture capture() {
    return capture.capture();
  }

  /** The first read or write error, or null. */
  IOException failure() {
    return failure;
  }

  /** What the listener threw, or null. */
  RuntimeException listenerFailure() {
    return listenerFailure;
  }
}
