package runbook.diag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics like a compiler does:
 *
 * <pre>
 * path:line:col: error[rule]: message
 *   the source line
 *   ^
 *   hint: how to fix it
 * </pre>
 *
 * Source lines come from {@link #addSource} or, failing that, from the file on disk (read once and
 * cached). A file that cannot be read only loses its source line, never the diagnostic.
 */
public final class DiagnosticFormatter {
  /** Longer source lines are cut around the column so that a minified file stays readable. */
  private static final int MAX_SHOWN = 160;

  private final Map<String, List<String>> sources = new HashMap<>();

  /** Uses these lines for {@code file} (as named in the diagnostics' spans) instead of reading it. */
  public DiagnosticFormatter addSource(String file, List<String> lines) {
    sources.put(file, List.copyOf(lines));
    return this;
  }

  /** Every diagnostic, in the given order, each ending with a newline. */
  public String format(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(format(d));
    }
    return out.toString();
  }

  /** One diagnostic: header, source line and caret when the line is known, hint; ends with a newline. */
  public String format(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    out.append(d.span()).append(": ").append(d.severity().key())
        .append('[').append(d.rule()).append("]: ").append(d.message()).append('\n');
    List<String> lines = lines(d.span().file());
    int line = d.span().line();
    if (line <= lines.size()) {
      appendSourceAndCaret(out, lines.get(line - 1), d.span().column());
    }
    if (d.hint() != null) {
      out.append("  hint: ").append(d.hint()).append('\n');
    }
    return out.toString();
  }

  private static void appendSourceAndCaret(StringBuilder out, String text, int column) {
    int caret = Math.min(column - 1, text.length());
    int from = 0;
    if (text.length() > MAX_SHOWN) {
      from = Math.max(0, Math.min(caret - MAX_SHOWN / 2, text.length() - MAX_SHOWN));
      text = text.substring(from, from + MAX_SHOWN);
      caret -= from;
    }
    out.append("  ").append(text).append('\n').append("  ");
    // tabs stay tabs so that the caret lines up whatever the terminal's tab width
    for (int i = 0; i < caret; i++) {
      out.append(i < text.length() && text.charAt(i) == '\t' ? '\t' : ' ');
    }
    out.append("^\n");
  }

  private List<String> lines(String file) {
    return sources.computeIfAbsent(file, DiagnosticFormatter::read);
  }

  private static List<String> read(String file) {
    try {
      // a diagnostic may be about a FIFO or a device: read only a regular file, and only so much
      return runbook.files.InputFiles.readString(Path.of(file), 16L * 1024 * 1024).lines().toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
