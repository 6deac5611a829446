package runbook.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Lines over a blocking socket channel, read on one thread while another writes. Not through
 * {@link java.nio.channels.Channels}: its streams hold the channel's blocking lock while they wait,
 * so a reader waiting for a line would keep every writer waiting too.
 */
public final class SocketLines {
  private SocketLines() {}

  public static BufferedReader reader(SocketChannel c) {
    InputStream in = new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : c.read(ByteBuffer.wrap(b, off, len));
      }
    };
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  public static void write(SocketChannel c, String line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    synchronized (c) {
      while (b.hasRemaining()) {
        c.write(b);
      }
    }
  }
}
