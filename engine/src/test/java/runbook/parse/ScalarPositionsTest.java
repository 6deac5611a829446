package runbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import runbook.model.SourceSpan;

/**
 * Every scalar style places each character of its value where the file has it: the value of key
 * {@code v} holds the marker {@code X}, and the marker's position must be the one where the file
 * holds it (given by {@code @} on a line below in the source as line:col).
 */
class ScalarPositionsTest {
  private static SourceSpan marker(String yaml) throws Exception {
    YamlDocument doc = YamlDocument.parse("t.yaml", yaml, YamlLimits.DEFAULT);
    YamlScalar v = (YamlScalar) ((YamlMapping) doc.root()).entry("v").value();
    int at = v.value().indexOf('X');
    assertNotNull(v.valueSpan().positions(), "positions worked out for " + yaml);
    return v.valueSpan().at(v.value(), at);
  }

  /** The position of the only {@code X} in the source text. */
  private static String expected(String yaml) {
    List<String> lines = yaml.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      int c = lines.get(i).indexOf('X');
      if (c >= 0) {
        return "t.yaml:" + (i + 1) + ":" + (c + 1);
      }
    }
    throw new AssertionError("no marker");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // plain over several lines, with a blank line (a line break) and indentation
      "v: first\n  second and X\n",
      "v: first\n\n     then X here\n",
      // single-quoted: '' is one quote, lines fold
      "v: 'it''s a\n    long X'\n",
      "v: 'a '' b '' X'\n",
      // double-quoted: escapes are one character, an escaped line break joins without a space
      "v: \"tab\\there \\u00e9\\x41 X\"\n",
      "v: \"a \\\n     b X\"\n",
      "v: \"one\n\n   two\n    three X\"\n",
      "v: \"\\U0001F600 X\"\n",
      // literal, clip, strip and keep chomping, with and without an indentation indicator
      "v: |\n  one\n  two X\n",
      "v: |-\n    one\n      indented\n    X\n",
      "v: |+\n  one\n\n  X\n\n",
      "v: |2\n    more indented X\n",
      "k:\n  v: |1-\n    two more X\n",
      "v: | # a comment after the header\n  line X\n",
      // folded: lines join with a space, blank lines and more-indented lines keep their breaks
      "v: >\n  one\n  two X\n",
      "v: >-\n  find /tmp -name\n  '*.old -delete\n  and X\n",
      "v: >\n  a\n\n  b\n    more\n  X\n",
      "v: >+\n  a\n  X\n\n",
      "v: >2-\n   lead\n  X\n",
      "- x: 1\n  v: >-\n    deep\n    in a list X\n",
  })
  void eachStylePlacesItsCharactersWhereTheFileHasThem(String yaml) throws Exception {
    if (yaml.startsWith("- ")) {
      YamlDocument doc = YamlDocument.parse("t.yaml", yaml, YamlLimits.DEFAULT);
      YamlScalar v = (YamlScalar) ((YamlMapping) ((YamlSequence) doc.root()).items().get(0)).entry("v").value();
      assertNotNull(v.valueSpan().positions());
      assertEquals(expected(yaml), v.valueSpan().at(v.value(), v.value().indexOf('X')).toString());
      return;
    }
    if (yaml.startsWith("k:")) {
      YamlDocument doc = YamlDocument.parse("t.yaml", yaml, YamlLimits.DEFAULT);
      YamlScalar v = (YamlScalar) ((YamlMapping) ((YamlMapping) doc.root()).entry("k").value()).entry("v").value();
      assertNotNull(v.valueSpan().positions());
      assertEquals(expected(yaml), v.valueSpan().at(v.value(), v.value().indexOf('X')).toString());
      return;
    }
    assertEquals(expected(yaml), marker(yaml).toString());
  }

  @Test
  void aPartOfAValueIsPlacedInTurn() throws Exception {
    String yaml = "v: >-\n  first\n  ${a + X}\n";
    YamlDocument doc = YamlDocument.parse("t.yaml", yaml, YamlLimits.DEFAULT);
    YamlScalar v = (YamlScalar) ((YamlMapping) doc.root()).entry("v").value();
    int open = v.value().indexOf("${");
    SourceSpan inner = v.valueSpan().at(v.value(), open + 2);
    String expr = v.value().substring(open + 2, v.value().length() - 1);
    assertEquals("t.yaml:3:9", inner.at(expr, expr.indexOf('X')).toString());
  }

  @Test
  void theEndOfAnUnclosedValueIsAfterItsLastCharacter() throws Exception {
    String yaml = "v: >-\n  one\n  two\n";
    YamlDocument doc = YamlDocument.parse("t.yaml", yaml, YamlLimits.DEFAULT);
    YamlScalar v = (YamlScalar) ((YamlMapping) doc.root()).entry("v").value();
    assertEquals("t.yaml:3:6", v.valueSpan().at(v.value(), v.value().length()).toString());
  }
}
