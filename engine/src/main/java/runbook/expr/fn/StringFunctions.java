package runbook.expr.fn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The {@code str:} helpers. Separators and patterns are plain text, never regular expressions. */
public final class StringFunctions {
  private StringFunctions() {}

  public static String lower(Object s) {
    return Args.text("str:lower", s).toLowerCase(Locale.ROOT);
  }

  public static String trim(Object s) {
    return Args.text("str:trim", s).strip();
  }

  /** Every field, empty ones included: {@code split('a,,b', ',')} is {@code ['a', '', 'b']}. */
  public static List<String> split(Object s, Object separator) {
    String sep = Args.text("str:split", separator);
    if (sep.isEmpty()) {
      throw new IllegalArgumentException("str:split() needs a non-empty separator");
    }
    return List.of(Args.text("str:split", s).split(Pattern.quote(sep), -1));
  }

  public static String join(Object list, Object separator) {
    String sep = Args.text("str:join", separator);
    List<String> parts = new ArrayList<>();
    for (Object x : Args.list("str:join", list)) {
      if (x == null || x instanceof java.util.Map || x instanceof java.util.Collection) {
        throw new IllegalArgumentException("str:join() joins strings and numbers, found " + Args.describe(x));
      }
      parts.add(x.toString());
    }
    long length = (long) sep.length() * Math.max(0, parts.size() - 1);
    for (String part : parts) {
      length += part.length();
    }
    Bounds.text(length);
    return String.join(sep, parts);
  }

  public static String replace(Object s, Object target, Object replacement) {
    String text = Args.text("str:replace", s);
    String from = Args.text("str:replace", target);
    String to = Args.text("str:replace", replacement);
    long count = 0;
    if (from.isEmpty()) {
      count = text.length() + 1L;
    } else {
      for (int i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + from.length())) {
        count++;
      }
    }
    Bounds.text(text.length() + count * (to.length() - from.length()));
    return text.replace(from, to);
  }

  public static boolean starts(Object s, Object prefix) {
    return Args.text("str:starts", s).startsWith(Args.text("str:starts", prefix));
  }

  public static boolean ends(Object s, Object suffix) {
    return Args.text("str:ends", s).endsWith(Args.text("str:ends", suffix));
  }

  public static boolean contains(Object s, Object part) {
    return Args.text("str:contains", s).contains(Args.text("str:contains", part));
  }
}
