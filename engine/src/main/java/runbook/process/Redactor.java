package runbook.process;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;

/**
 * Replaces secret values in a command's output as it is written to the run directory, so a secret
 * a command prints is never on disk, not even for a moment, not even when the engine is killed
 * while the command runs. Works on bytes: the output of a command is not always text.
 */
public final class Redactor {
  /** Redacts nothing: output is written as it comes. */
  public static final Redactor NONE = new Redactor(new byte[0][], new byte[0]);

  private final byte[][] patterns;
  private final byte[] mask;

  private Redactor(byte[][] patterns, byte[] mask) {
    this.patterns = patterns;
    this.mask = mask;
  }

  /** Replaces each of {@code secrets} (empty ones ignored) with {@code mask}. */
  public static Redactor of(Collection<String> secrets, String mask) {
    byte[][] patterns = secrets.stream()
        .filter(s -> s != null && !s.isEmpty())
        .distinct()
        .map(s -> s.getBytes(StandardCharsets.UTF_8))
        // longest first, so a secret that contains another is replaced whole
        .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed())
        .toArray(byte[][]::new);
    return patterns.length == 0 ? NONE : new Redactor(patterns, mask.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A stream that writes to {@code out} with every secret replaced. It holds back the last bytes
   * written (fewer than the longest secret), since a secret may continue in the next write;
   * {@link Stream#finish()} writes them.
   */
  public Stream wrap(OutputStream out) {
    return new Stream(out);
  }

  /** {@code text} with every secret replaced. */
  public String redact(String text) {
    if (patterns.length == 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Stream s = wrap(out)) {
      s.write(text.getBytes(StandardCharsets.UTF_8));
      s.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array cannot fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** See {@link #wrap(OutputStream)}. */
  public final class Stream extends FilterOutputStream {
    private byte[] pending = new byte[0];

    private Stream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (patterns.length == 0) {
        out.write(b, off, len);
        return;
      }
      byte[] data = Arrays.copyOf(pending, pending.length + len);
      System.arraycopy(b, off, data, pending.length, len);
      int done = scan(data, data.length - patterns[0].length + 1);
      pending = Arrays.copyOfRange(data, done, data.length);
    }

    /** Writes what was held back, then closes the stream underneath. */
    @Override
    public void close() throws IOException {
      finish();
      super.close();
    }

    /** Writes what was held back; the stream stays open. */
    public void finish() throws IOException {
      scan(pending, pending.length);
      pending = new byte[0];
      out.flush();
    }

    /**
     * Writes {@code data} replaced, from its start up to where a secret could begin before
     * {@code limit}; returns where it stopped.
     */
    private int scan(byte[] data, int limit) throws IOException {
      ByteArrayOutputStream replaced = new ByteArrayOutputStream(Math.max(0, limit));
      int i = 0;
      outer:
      while (i < limit) {
        for (byte[] p : patterns) {
          if (i + p.length <= data.length && Arrays.equals(data, i, i + p.length, p, 0, p.length)) {
            replaced.write(mask);
            i += p.length;
            continue outer;
          }
        }
        replaced.write(data[i]);
        i++;
      }
      replaced.writeTo(out);
      return Math.max(i, 0);
    }
  }
}
