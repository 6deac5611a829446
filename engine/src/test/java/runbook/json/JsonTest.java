package runbook.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesEveryKindOfValue() throws JsonException {
    Object v = Json.parse(" {\"s\":\"x\", \"i\": -12, \"d\": 1.5e2, \"t\": true, \"f\": false, \"n\": null, \"a\": [1, []], \"o\": {}} ");
    Map<?, ?> m = assertInstanceOf(LinkedHashMap.class, v);
    assertEquals(List.of("s", "i", "d", "t", "f", "n", "a", "o"), new ArrayList<>(m.keySet()));
    assertEquals("x", m.get("s"));
    assertEquals(-12L, m.get("i"));
    assertEquals(150.0, m.get("d"));
    assertEquals(Boolean.TRUE, m.get("t"));
    assertEquals(Boolean.FALSE, m.get("f"));
    assertTrue(m.containsKey("n"));
    assertNull(m.get("n"));
    assertEquals(List.of(1L, List.of()), m.get("a"));
    assertEquals(Map.of(), m.get("o"));
  }

  @Test
  void integersBeyondLongBecomeBigDecimal() throws JsonException {
    assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
    assertEquals(new BigDecimal("9223372036854775808"), Json.parse("9223372036854775808"));
    assertEquals(new BigDecimal("1e400"), Json.parse("1e400"));
  }

  @Test
  void escapesAndUnicodeAreDecoded() throws JsonException {
    assertEquals("a\"b\\c/d\b\f\n\r\t\u00e9\uD83D\uDE00", Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\""));
    assertEquals("grüße 😀", Json.parse("\"grüße 😀\""));
  }

  @Test
  void writesControlCharactersEscaped() {
    assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f\\u2028\"", Json.write("a\"b\\c\n\r\t\b\f\u0001\u001f\u007f\u2028"));
    assertEquals("\"é😀/\"", Json.write("é😀/"));
    assertEquals("\"\\ud800x\"", Json.write("\uD800x"));
  }

  @Test
  void roundTripKeepsValuesAndOrder() throws JsonException {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", null);
    inner.put("a", List.of("x\u0000y", 3L, 2.5, Boolean.FALSE));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", "[data_tmeta]");
    doc.put("inner", inner);
    doc.put("empty", List.of());
    doc.put("big", new BigDecimal("123456789012345678901234567890"));
    String compact = Json.write(doc);
    assertEquals("{\"name\":\"[data_tmeta]\",\"inner\":{\"z\":null,\"a\":[\"x\\u0000y\",3,2.5,false]},\"empty\":[],"
        + "\"big\":123456789012345678901234567890}", compact);
    assertEquals(doc, Json.parse(compact));
    assertEquals(doc, Json.parse(Json.writePretty(doc)));
  }

  @Test
  void prettyIndentsTwoSpaces() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("a", List.of(1, Map.of("b", "c")));
    doc.put("e", Map.of());
    assertEquals("{\n  \"a\": [\n    1,\n    {\n      \"b\": \"c\"\n    }\n  ],\n  \"e\": {}\n}", Json.writePretty(doc));
  }

  @Test
  void writesAnyCollection() {
    assertEquals("[\"a\",\"b\"]", Json.write(new LinkedHashSet<>(Arrays.asList("a", "b"))));
  }

  @Test
  void refusesValuesJsonCannotHold() {
    assertEquals("json has no NaN; write a finite number or null",
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "x"))).getMessage()
        .startsWith("json object keys must be strings"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.write(new Object())).getMessage()
        .startsWith("cannot write a java.lang.Object as json"));
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.write(cycle)).getMessage()
        .startsWith("value nested deeper than 256 levels"));
  }

  @Test
  void errorsNameLineAndColumn() {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"));
    assertEquals(3, e.line());
    assertEquals(7, e.column());
    assertEquals("3:7: expected ':' after the key \"b\", found '2'", e.getMessage());
  }

  @Test
  void refusesWhatRfc8259Forbids() {
    assertProblem("[1,]", "1:4: expected a value after ',', found ']' (trailing commas are not json)");
    assertProblem("{\"a\":1,}", "1:8: expected a key after ',', found '}' (trailing commas are not json)");
    assertProblem("01", "1:1: a number must not have a leading zero");
    assertProblem("1.", "1:3: expected a digit after the decimal point, found the end of the text");
    assertProblem("\"a\tb\"", "1:3: control character '\\u0009' in a string must be escaped");
    assertProblem("\"a\\x\"", "1:3: invalid escape '\\x' (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
    assertProblem("\"\\u12g4\"", "1:6: expected four hex digits after \\u, found 'g4\"'");
    assertProblem("\"abc", "1:1: unterminated string: no closing '\"'");
    assertProblem("{'a':1}", "1:2: expected a string key in double quotes, found ''a':1}'");
    assertProblem("tru", "1:1: expected a json value, found 'tru'");
    assertProblem("1 2", "1:3: expected the end of the text after the json value, found '2'");
    assertProblem("", "1:1: expected a json value, found the end of the text");
    assertProblem("{\"a\":1,\"a\":2}", "1:8: duplicate key \"a\" in object");
    assertProblem("NaN", "1:1: expected a json value, found 'NaN'");
  }

  @Test
  void nestingIsLimitedTo256Levels() throws JsonException {
    String ok = "[".repeat(256) + "]".repeat(256);
    assertInstanceOf(List.class, Json.parse(ok));
    JsonException e = assertThrows(JsonException.class, () -> Json.parse("[".repeat(257) + "]".repeat(257)));
    assertEquals("1:257: json nested deeper than 256 levels", e.getMessage());
  }

  @Test
  void byteOrderMarkIsIgnored() throws JsonException {
    assertEquals(List.of(), Json.parse("\uFEFF[]"));
  }

  private static void assertProblem(String text, String message) {
    assertEquals(message, assertThrows(JsonException.class, () -> Json.parse(text)).getMessage(), text);
  }
}
