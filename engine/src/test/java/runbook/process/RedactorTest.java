package runbook.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final Redactor SECRETS = Redactor.of(List.of("pass", "password1", "s3cr3t-v4lue"), "***");

  /** What the stream writes when {@code text} arrives in pieces of {@code size} bytes. */
  private static String inPieces(Redactor r, String text, int size) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Redactor.Stream s = r.wrap(out)) {
      for (int i = 0; i < bytes.length; i += size) {
        s.write(bytes, i, Math.min(size, bytes.length - i));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aSecretIsReplacedWhereverTheWritesSplitIt() throws Exception {
    String text = "token s3cr3t-v4lue, user password1 and pass; s3cr3t-v4lues3cr3t-v4lue end";
    String expected = "token ***, user *** and ***; ****** end";
    for (int size = 1; size <= text.length(); size++) {
      assertEquals(expected, inPieces(SECRETS, text, size), "pieces of " + size + " bytes");
    }
  }

  @Test
  void nothingOfASecretIsWrittenBeforeItEnds() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Redactor.Stream s = SECRETS.wrap(out);
    s.write("log: s3cr3t-v4".getBytes(StandardCharsets.UTF_8));
    // the engine may be killed here: what is on disk holds no part of the secret
    assertEquals("log", out.toString(StandardCharsets.UTF_8));
    s.write("lue\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("log: ***", out.toString(StandardCharsets.UTF_8));
    s.finish();
    assertEquals("log: ***\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutSecretsEveryByteIsWrittenAtOnce() throws Exception {
    Redactor none = Redactor.of(List.of("", ""), "***");
    assertSame(Redactor.NONE, none);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    none.wrap(out).write(new byte[] {1, 2, 3});
    assertEquals(3, out.size());
  }

  @Test
  void largeOutputKeepsEveryOtherByte() throws Exception {
    StringBuilder text = new StringBuilder();
    while (text.length() < 300_000) {
      text.append("line ").append(text.length()).append(" s3cr3t-v4lue\n");
    }
    assertEquals(text.toString().replace("s3cr3t-v4lue", "***"), inPieces(SECRETS, text.toString(), 65_536));
  }
}
