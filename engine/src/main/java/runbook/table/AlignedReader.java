package runbook.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code format: aligned}: human output with a header line, such as plain {@code lvs -a}.
 *
 * <p>Tools left-align text and right-align numbers under their header, so a value can start left
 * of its header ({@code <794.79g} under {@code LSize}) or end right of it. What separates two columns
 * is a gap that every line shares: the character positions blank in the header and in every row.
 * The runs of positions between such gaps are regions; each header word lies in one region, and a
 * cell is the text of its row inside its header's region. So an empty cell stays empty and never
 * shifts its neighbours. The last column takes the rest of the line (tools print free text last).
 *
 * <p>When a row bridges the gap between two headers, their region holds both; then each word of a
 * row in it goes to the header it overlaps, and a word that overlaps none or several fails the row.
 */
final class AlignedReader {
  private static final int TAB = 8;

  private AlignedReader() {}

  private record Span(int start, int end, String text) {
    boolean overlaps(int s, int e) {
      return s < end && start < e;
    }
  }

  private record Region(int start, int end, List<Integer> headers) {}

  static RawTable read(List<Line> input) throws TableException {
    List<Line> lines = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Line line : input) {
      if (!line.isBlank()) {
        lines.add(line);
        texts.add(expandTabs(line.text()));
      }
    }
    if (lines.isEmpty()) {
      return new RawTable(null, null, List.of());
    }
    List<Span> headers = joinMultiWordHeaders(words(texts.get(0)), texts);
    List<Region> regions = regions(texts, headers);
    List<String> headerTexts = new ArrayList<>();
    for (Span h : headers) {
      headerTexts.add(h.text());
    }
    List<RawTable.Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      rows.add(new RawTable.Row(lines.get(i), null, cells(lines.get(i), texts.get(i), headers, regions)));
    }
    return new RawTable(headerTexts, lines.get(0), rows);
  }

  /**
   * Joins header words such as {@code Mounted on} ({@code df -P}): a lower-case word one space after
   * the previous header, under which no row starts a value, continues that header rather than
   * naming an empty column of its own. Capitalised neighbours ({@code Move Log Cpy%Sync}) stay apart.
   */
  private static List<Span> joinMultiWordHeaders(List<Span> words, List<String> texts) {
    List<Span> headers = new ArrayList<>();
    for (Span w : words) {
      Span prev = headers.isEmpty() ? null : headers.get(headers.size() - 1);
      if (prev != null && w.start() == prev.end() + 1 && Character.isLowerCase(w.text().charAt(0))
          && !anyRowStartsWithin(texts, w.start(), w.end())) {
        headers.set(headers.size() - 1, new Span(prev.start(), w.end(), prev.text() + " " + w.text()));
      } else {
        headers.add(w);
      }
    }
    return headers;
  }

  private static boolean anyRowStartsWithin(List<String> texts, int start, int end) {
    for (int i = 1; i < texts.size(); i++) {
      for (Span w : words(texts.get(i))) {
        if (w.start() >= start && w.start() < end) {
          return true;
        }
      }
    }
    return false;
  }

  /** Regions between the gaps shared by every line; the last header's region runs to the end. */
  private static List<Region> regions(List<String> texts, List<Span> headers) {
    int width = 0;
    for (String t : texts) {
      width = Math.max(width, t.length());
    }
    boolean[] used = new boolean[width];
    for (String t : texts) {
      for (int c = 0; c < t.length(); c++) {
        used[c] |= t.charAt(c) != ' ';
      }
    }
    // a joined header ("Mounted on") is one column: its inner blank is no gap
    for (Span h : headers) {
      Arrays.fill(used, h.start(), h.end(), true);
    }
    int lastHeaderEnd = headers.get(headers.size() - 1).end();
    List<Region> regions = new ArrayList<>();
    int c = 0;
    while (c < width) {
      if (!used[c]) {
        c++;
        continue;
      }
      int start = c;
      while (c < width && (used[c] || start < lastHeaderEnd && c >= lastHeaderEnd)) {
        c++;
      }
      List<Integer> inside = new ArrayList<>();
      for (int h = 0; h < headers.size(); h++) {
        if (headers.get(h).start() >= start && headers.get(h).end() <= c) {
          inside.add(h);
        }
      }
      regions.add(new Region(start, c, inside));
    }
    return regions;
  }

  private static List<Object> cells(Line line, String text, List<Span> headers, List<Region> regions)
      throws TableException {
    String[] cells = new String[headers.size()];
    Arrays.fill(cells, "");
    List<Span> words = words(text);
    int r = 0;
    int i = 0;
    // every word lies inside one region: regions are bounded by positions blank in every line
    while (i < words.size()) {
      while (regions.get(r).end() <= words.get(i).start()) {
        r++;
      }
      Region region = regions.get(r);
      int j = i;
      while (j < words.size() && words.get(j).start() < region.end()) {
        j++;
      }
      List<Span> inside = words.subList(i, j);
      i = j;
      if (region.headers().isEmpty()) {
        throw new TableException(line.number(), line.text(), "text `" + inside.get(0).text() + "` at column "
            + (inside.get(0).start() + 1) + " is under no column header " + neighbours(headers, region));
      }
      if (region.headers().size() == 1) {
        cells[region.headers().get(0)] = text.substring(inside.get(0).start(), inside.get(inside.size() - 1).end());
      } else {
        assignWords(line, text, inside, headers, region, cells);
      }
    }
    return new ArrayList<Object>(List.of(cells));
  }

  private static void assignWords(Line line, String text, List<Span> words, List<Span> headers, Region region,
      String[] cells) throws TableException {
    int[] from = new int[headers.size()];
    int[] to = new int[headers.size()];
    Arrays.fill(from, -1);
    for (Span w : words) {
      List<Integer> hit = new ArrayList<>();
      for (int h : region.headers()) {
        Span header = headers.get(h);
        int end = h == headers.size() - 1 ? Integer.MAX_VALUE : header.end();
        if (w.overlaps(header.start(), end)) {
          hit.add(h);
        }
      }
      if (hit.size() != 1) {
        throw new TableException(line.number(), line.text(), "text `" + w.text() + "` at column " + (w.start() + 1)
            + (hit.isEmpty() ? " is under none of the columns " + names(headers, region.headers())
                : " spans the columns " + names(headers, hit)));
      }
      int h = hit.get(0);
      if (from[h] < 0) {
        from[h] = w.start();
      }
      to[h] = w.end();
    }
    for (int h : region.headers()) {
      if (from[h] >= 0) {
        cells[h] = text.substring(from[h], to[h]);
      }
    }
  }

  private static String neighbours(List<Span> headers, Region region) {
    Span before = null;
    Span after = null;
    for (Span h : headers) {
      if (h.end() <= region.start()) {
        before = h;
      } else if (after == null && h.start() >= region.end()) {
        after = h;
      }
    }
    if (before == null) {
      return "(left of `" + after.text() + "`)";
    }
    return "(between `" + before.text() + "` and `" + after.text() + "`)";
  }

  private static String names(List<Span> headers, List<Integer> which) {
    StringBuilder sb = new StringBuilder();
    for (int h : which) {
      sb.append(sb.length() == 0 ? "" : ", ").append('`').append(headers.get(h).text()).append('`');
    }
    return sb.toString();
  }

  /** Maximal runs of non-blank characters with their positions. */
  private static List<Span> words(String text) {
    List<Span> words = new ArrayList<>();
    int c = 0;
    while (c < text.length()) {
      if (text.charAt(c) == ' ') {
        c++;
        continue;
      }
      int start = c;
      while (c < text.length() && text.charAt(c) != ' ') {
        c++;
      }
      words.add(new Span(start, c, text.substring(start, c)));
    }
    return words;
  }

  private static String expandTabs(String text) {
    if (text.indexOf('\t') < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t') {
        do {
          sb.append(' ');
        } while (sb.length() % TAB != 0);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
