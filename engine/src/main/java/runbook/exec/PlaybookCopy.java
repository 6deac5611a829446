package runbook.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.CommentEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The text of a playbook file as the run directory keeps it ({@code playbook.yaml}, a variant's
 * {@code base-<n>-<file>}): masked field by field, as the journal is. The values and the comments,
 * where a secret can be written, are masked; the keys and the values that give the file its
 * structure (step ids and the steps they name, the playbook's name, the variant's base) are kept as
 * written, so that a short secret ({@code x}) cannot turn {@code expect-exit} or a step id into
 * something else and the copy still reads as the playbook that ran.
 *
 * <p>A value that a secret changes is written again as a double-quoted scalar (a masked plain
 * scalar such as {@code ***} would otherwise read as an alias); every other byte of the file is
 * kept. A non-string scalar (a number, {@code true}) is masked only when it is a secret as a whole:
 * a secret {@code t} does not make {@code changes: true} a string.
 */
final class PlaybookCopy {
  private PlaybookCopy() {}

  /** Values that name a step, a file, a version or the playbook: structure, never masked. */
  private static final Set<String> STRUCTURAL =
      Set.of("runbook", "extends", "id", "of", "confirmed-by", "before", "after", "replace", "remove", "update");

  /**
   * The file's text with every secret masked per field; the whole text masked as before when the
   * text cannot be read as YAML (it was read as YAML before the run, so this is only a safeguard:
   * nothing unmasked is ever written).
   */
  static String mask(String text, Masker masker) {
    if (masker.mask(text).equals(text)) {
      return text; // no secret anywhere in it (the usual case): nothing to parse
    }
    String bom = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? "\uFEFF" : "";
    String body = text.substring(bom.length());
    try {
      return bom + maskYaml(body, masker);
    } catch (YamlEngineException | IndexOutOfBoundsException e) {
      return masker.mask(text);
    }
  }

  /** Where the parser is: in a mapping (waiting for a key or a value) or a sequence, and under which key. */
  private static final class Level {
    final boolean mapping;
    final String key;
    boolean expectKey = true;
    String lastKey;

    Level(boolean mapping, String key) {
      this.mapping = mapping;
      this.key = key;
    }
  }

  private static String maskYaml(String text, Masker masker) {
    int[] cps = text.codePoints().toArray();
    LoadSettings settings = LoadSettings.builder().setParseComments(true).setCodePointLimit(Integer.MAX_VALUE).build();
    ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0; // code points of the text already in out
    Deque<Level> levels = new ArrayDeque<>();
    while (parser.hasNext()) {
      Event e = parser.next();
      switch (e.getEventId()) {
        case MappingStart:
        case SequenceStart: {
          String under = valueKey(levels);
          levels.push(new Level(e.getEventId() == Event.ID.MappingStart, under));
          break;
        }
        case MappingEnd:
        case SequenceEnd:
          levels.pop();
          advance(levels);
          break;
        case Alias:
          advance(levels);
          break;
        case Scalar: {
          ScalarEvent s = (ScalarEvent) e;
          Level level = levels.peek();
          boolean isKey = level != null && level.mapping && level.expectKey;
          String key = isKey ? null : valueKey(levels);
          if (isKey) {
            level.lastKey = s.getValue();
          }
          advance(levels);
          if (isKey || structural(key, levels)) {
            break;
          }
          String masked = masker.mask(s.getValue());
          boolean typed = s.getScalarStyle() == ScalarStyle.PLAIN && !isString(s.getValue());
          if (masked.equals(s.getValue()) || (typed && !masked.equals(Masker.MASK))) {
            break;
          }
          int start = s.getStartMark().map(Mark::getIndex).orElseThrow();
          int end = s.getEndMark().map(Mark::getIndex).orElseThrow();
          String original = new String(cps, start, end - start);
          String trailing = original.substring(original.stripTrailing().length());
          out.append(new String(cps, copied, start - copied));
          s.getAnchor().ifPresent(a -> out.append('&').append(a.getValue()).append(' '));
          out.append(runbook.json.Json.write(masked)).append(trailing);
          copied = end;
          break;
        }
        case Comment: {
          CommentEvent c = (CommentEvent) e;
          if (c.getStartMark().isEmpty() || c.getEndMark().isEmpty()) {
            break;
          }
          int start = c.getStartMark().get().getIndex();
          int end = c.getEndMark().get().getIndex();
          if (start < copied) {
            break;
          }
          String original = new String(cps, start, end - start);
          String masked = masker.mask(original);
          if (!masked.equals(original)) {
            out.append(new String(cps, copied, start - copied)).append(masked.replace('\n', ' ').replace('\r', ' '));
            copied = end;
          }
          break;
        }
        default:
          break;
      }
    }
    out.append(new String(cps, copied, cps.length - copied));
    return out.toString();
  }

  /** After a key, its mapping waits for the value; after a value, for the next key. */
  private static void advance(Deque<Level> levels) {
    Level level = levels.peek();
    if (level != null && level.mapping) {
      level.expectKey = !level.expectKey;
    }
  }

  /** The key a value stands under: its mapping's last key, or for a sequence item the key of the sequence. */
  private static String valueKey(Deque<Level> levels) {
    Level level = levels.peek();
    if (level == null) {
      return null;
    }
    return level.mapping ? level.lastKey : level.key;
  }

  private static boolean structural(String key, Deque<Level> levels) {
    if (key == null) {
      return false;
    }
    // the playbook's own name (in the run id and the lock), not a param's or a column's
    return STRUCTURAL.contains(key) || (key.equals("name") && levels.size() == 1);
  }

  /** What the YAML 1.2 core schema reads a plain scalar as: a string, or a number, boolean or null. */
  private static boolean isString(String plain) {
    return !plain.matches("(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
        + "|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
        + "|[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)?");
  }
}
