package runbook.exec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Replaces every secret value with {@code ***}. One instance per run, built from the secret
 * params' values, and applied wherever text leaves the engine: console, journal, log, report,
 * params file, the copy of the playbook.
 */
public final class Masker implements UnaryOperator<String> {
  public static final String MASK = "***";
  public static final Masker NONE = new Masker(List.of());

  private final List<String> secrets;

  public Masker(Collection<String> secrets) {
    // longest first, so a secret that contains another is masked whole
    this.secrets =
        secrets.stream()
            .filter(s -> s != null && !s.isEmpty())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  public String mask(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  /**
   * Masks a file in place, streaming, so a command's output of any size can be kept in the run
   * directory without the secrets it printed.
   */
  public void maskFile(Path file) throws IOException {
    if (secrets.isEmpty() || !Files.exists(file)) {
      return;
    }
    byte[][] patterns = secrets.stream().map(x -> x.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    byte[] mask = MASK.getBytes(StandardCharsets.UTF_8);
    int longest = patterns[0].length;
    Path tmp = file.resolveSibling(file.getFileName() + ".masking");
    try (InputStream in = Files.newInputStream(file);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
      byte[] carry = new byte[0];
      byte[] chunk = new byte[1 << 16];
      int n;
      while ((n = in.read(chunk)) >= 0) {
        byte[] data = Arrays.copyOf(carry, carry.length + n);
        System.arraycopy(chunk, 0, data, carry.length, n);
        // keep the last bytes back: a secret may continue in the next chunk
        int done = scan(data, data.length - longest + 1, patterns, mask, out);
        carry = Arrays.copyOfRange(data, done, data.length);
      }
      scan(carry, carry.length, patterns, mask, out);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes {@code data} masked from 0 up to where a match may start before {@code limit}; returns where it stopped. */
  private static int scan(byte[] data, int limit, byte[][] patterns, byte[] mask, OutputStream out) throws IOException {
    int i = 0;
    outer:
    while (i < limit) {
      for (byte[] p : patterns) {
        if (i + p.length <= data.length && Arrays.equals(data, i, i + p.length, p, 0, p.length)) {
          out.write(mask);
          i += p.length;
          continue outer;
        }
      }
      out.write(data[i]);
      i++;
    }
    return Math.max(i, 0);
  }

  @Override
  public String apply(String text) {
    return mask(text);
  }
}
