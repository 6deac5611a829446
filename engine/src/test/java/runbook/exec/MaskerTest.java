package runbook.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskerTest {
  @TempDir Path tmp;

  @Test
  void everyOccurrenceOfEverySecretIsMasked() {
    Masker m = new Masker(List.of("abc", "xyz"));
    assertEquals("*** and *** and ***", m.mask("abc and xyz and abc"));
  }

  @Test
  void aSecretContainingAnotherIsMaskedWhole() {
    Masker m = new Masker(List.of("pass", "password1"));
    assertEquals("user ***", m.mask("user password1"));
  }

  @Test
  void emptySecretsMaskNothing() {
    assertEquals("text", new Masker(List.of("")).mask("text"));
  }

  @Test
  void fileIsMaskedEvenWhereASecretCrossesTheReadBuffer() throws Exception {
    String secret = "0123456789-secret";
    StringBuilder text = new StringBuilder();
    while (text.length() < 300_000) {
      text.append("line ").append(text.length()).append(' ').append(secret).append('\n');
    }
    Path f = tmp.resolve("out");
    Files.writeString(f, text);
    new Masker(List.of(secret)).maskFile(f);
    assertEquals(text.toString().replace(secret, "***"), Files.readString(f));
  }
}
