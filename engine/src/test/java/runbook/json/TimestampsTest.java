package runbook.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  /** Instants over the whole range of four-digit years, with every kind of fraction, and the edges. */
  private static Instant[] instants() {
    SplittableRandom random = new SplittableRandom(13);
    Instant[] out = new Instant[20_000];
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    long[] edges = {first, last, 0, -1, 951_782_400L /* 2000-02-29 */, 4_107_542_400L /* 2100-03-01 */, -2_203_891_200L};
    for (int i = 0; i < out.length; i++) {
      long second = i < edges.length ? edges[i] : random.nextLong(first, last + 1);
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      out[i] = Instant.ofEpochSecond(second, nano);
    }
    return out;
  }

  @Test
  void writesWhatInstantToStringWrites() {
    for (Instant t : instants()) {
      assertEquals(t.toString(), Timestamps.iso(t));
    }
    // outside four-digit years it is Instant's own text
    Instant far = Instant.parse("+10000-01-01T00:00:00Z");
    assertEquals(far.toString(), Timestamps.iso(far));
  }

  @Test
  void writesMillisWithAnOffsetAsThePatternWould() {
    DateTimeFormatter pattern = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    int[] offsets = {0, 3600, -5 * 3600 - 1800, 14 * 3600, -12 * 3600, 5 * 3600 + 45 * 60, 1234};
    int i = 0;
    for (Instant t : instants()) {
      int offset = offsets[i++ % offsets.length];
      long millis = t.toEpochMilli();
      Instant local = Instant.ofEpochMilli(millis).plusSeconds(offset);
      // yyyy is the year of the era: the year 0 is 1 BC, which the run log never meets
      if (local.isBefore(Instant.parse("0001-01-01T00:00:00Z")) || local.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
        continue;
      }
      StringBuilder b = new StringBuilder();
      Timestamps.appendMillis(b, millis, offset);
      assertEquals(pattern.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.ofTotalSeconds(offset))), b.toString());
    }
  }
}
