package runbook.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  private static int complete(String text, int cutAt) {
    return Utf8.completeLength(text.getBytes(StandardCharsets.UTF_8), cutAt);
  }

  @Test
  void cutInsideACharacterDropsItsStart() {
    assertEquals(1, complete("aé", 2));
    assertEquals(1, complete("a€", 2));
    assertEquals(1, complete("a€", 3));
    assertEquals(1, complete("a😀", 4));
  }

  @Test
  void cutAfterACompleteCharacterKeepsEverything() {
    assertEquals(3, complete("aé", 3));
    assertEquals(4, complete("a€", 4));
    assertEquals(5, complete("a😀", 5));
    assertEquals(2, complete("ab", 2));
    assertEquals(0, complete("", 0));
  }

  @Test
  void bytesThatAreNotUtf8AreLeftAlone() {
    assertEquals(3, Utf8.completeLength(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80}, 3));
  }
}
