package runbook.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recursive-descent reader; one instance per document. */
final class JsonReader {
  private final String text;
  private int pos;
  private int depth;

  JsonReader(String text) {
    this.text = text == null ? "" : text;
  }

  Object readDocument() throws JsonException {
    // a byte order mark may precede the text (RFC 8259 section 8.1)
    if (text.startsWith("\uFEFF")) {
      pos = 1;
    }
    skipBlanks();
    if (pos >= text.length()) {
      throw error(pos, "expected a json value, found the end of the text");
    }
    Object value = readValue();
    skipBlanks();
    if (pos < text.length()) {
      throw error(pos, "expected the end of the text after the json value, found " + describe(pos));
    }
    return value;
  }

  private Object readValue() throws JsonException {
    skipBlanks();
    if (pos >= text.length()) {
      throw error(pos, "expected a json value, found the end of the text");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> readObject();
      case '[' -> readArray();
      case '"' -> readString();
      case 't' -> readWord("true", Boolean.TRUE);
      case 'f' -> readWord("false", Boolean.FALSE);
      case 'n' -> readWord("null", null);
      default -> {
        if (c != '-' && !isDigit(c)) {
          throw error(pos, "expected a json value, found " + describe(pos));
        }
        yield readNumber();
      }
    };
  }

  private Map<String, Object> readObject() throws JsonException {
    enter();
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipBlanks();
    if (peek() == '}') {
      pos++;
      depth--;
      return map;
    }
    while (true) {
      skipBlanks();
      if (peek() != '"') {
        throw error(pos, "expected a string key in double quotes, found " + describe(pos));
      }
      int keyStart = pos;
      String key = readString();
      if (map.containsKey(key)) {
        throw error(keyStart, "duplicate key \"" + key + "\" in object");
      }
      skipBlanks();
      if (peek() != ':') {
        throw error(pos, "expected ':' after the key \"" + key + "\", found " + describe(pos));
      }
      pos++;
      map.put(key, readValue());
      skipBlanks();
      char c = peek();
      if (c == ',') {
        pos++;
        skipBlanks();
        if (peek() == '}') {
          throw error(pos, "expected a key after ',', found '}' (trailing commas are not json)");
        }
      } else if (c == '}') {
        pos++;
        depth--;
        return map;
      } else {
        throw error(pos, "expected ',' or '}' after an object member, found " + describe(pos));
      }
    }
  }

  private List<Object> readArray() throws JsonException {
    enter();
    pos++;
    List<Object> list = new ArrayList<>();
    skipBlanks();
    if (peek() == ']') {
      pos++;
      depth--;
      return list;
    }
    while (true) {
      list.add(readValue());
      skipBlanks();
      char c = peek();
      if (c == ',') {
        pos++;
        skipBlanks();
        if (peek() == ']') {
          throw error(pos, "expected a value after ',', found ']' (trailing commas are not json)");
        }
      } else if (c == ']') {
        pos++;
        depth--;
        return list;
      } else {
        throw error(pos, "expected ',' or ']' after an array element, found " + describe(pos));
      }
    }
  }

  private void enter() throws JsonException {
    if (++depth > Json.MAX_DEPTH) {
      throw error(pos, "json nested deeper than " + Json.MAX_DEPTH + " levels");
    }
  }

  private String readString() throws JsonException {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error(start, "unterminated string: no closing '\"'");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return sb.toString();
      }
      if (c < 0x20) {
        throw error(pos, "control character " + describe(pos) + " in a string must be escaped");
      }
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      if (pos + 1 >= text.length()) {
        throw error(start, "unterminated string: no closing '\"'");
      }
      char e = text.charAt(pos + 1);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append(readHex4(pos + 2));
          pos += 4;
        }
        default -> throw error(pos, "invalid escape '\\" + printable(e)
            + "' (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
      }
      pos += 2;
    }
  }

  private char readHex4(int at) throws JsonException {
    if (at + 4 > text.length()) {
      throw error(at - 2, "expected four hex digits after \\u, found the end of the text");
    }
    int v = 0;
    for (int i = at; i < at + 4; i++) {
      int d = Character.digit(text.charAt(i), 16);
      if (d < 0) {
        throw error(i, "expected four hex digits after \\u, found " + describe(i));
      }
      v = v * 16 + d;
    }
    return (char) v;
  }

  private Object readNumber() throws JsonException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error(start, "a number must not have a leading zero");
      }
    } else if (isDigit(peek())) {
      skipDigits();
    } else {
      throw error(pos, "expected a digit, found " + describe(pos));
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) {
        throw error(pos, "expected a digit after the decimal point, found " + describe(pos));
      }
      skipDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error(pos, "expected a digit in the exponent, found " + describe(pos));
      }
      skipDigits();
    }
    String literal = text.substring(start, pos);
    if (integral) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException tooLarge) {
        return new BigDecimal(literal);
      }
    }
    double d = Double.parseDouble(literal);
    return Double.isInfinite(d) ? new BigDecimal(literal) : (Object) d;
  }

  private Object readWord(String word, Object value) throws JsonException {
    if (!text.startsWith(word, pos)) {
      throw error(pos, "expected a json value, found " + describe(pos));
    }
    pos += word.length();
    return value;
  }

  private void skipBlanks() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void skipDigits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private String describe(int at) {
    if (at >= text.length()) {
      return "the end of the text";
    }
    int end = at;
    while (end < text.length() && end < at + 12 && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    if (end == at) {
      return "'" + printable(text.charAt(at)) + "'";
    }
    StringBuilder sb = new StringBuilder("'");
    for (int i = at; i < end; i++) {
      sb.append(printable(text.charAt(i)));
    }
    return sb.append("'").toString();
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  private JsonException error(int at, String problem) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(at, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new JsonException(line, end - lineStart + 1, problem);
  }
}
