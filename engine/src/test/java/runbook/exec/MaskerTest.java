package runbook.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskerTest {
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
}
