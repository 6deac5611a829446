package runbook.exec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import runbook.journal.PrivateFiles;
import runbook.journal.RunDirectory;
import runbook.model.Playbook;

/**
 * {@code report.md}: what ran, with what params, how each step ended, its command and the end of its
 * output, and the outcome. Masked as a whole before it is written.
 */
final class ReportWriter {
  private static final int EXCERPT_LINES = 20;
  private static final int EXCERPT_BYTES = 4096;

  private ReportWriter() {}

  static void write(RunDirectory dir, Playbook playbook, Map<String, Object> params, RunResult result, boolean dry, Masker masker) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(playbook.title()).append("\n\n");
    b.append("- playbook: `").append(playbook.file()).append("` (").append(playbook.name()).append(")\n");
    b.append("- run: `").append(result.runId()).append("`").append(dry ? " (dry run)" : "").append("\n");
    b.append("- outcome: **").append(result.outcome().key()).append("**");
    if (result.message() != null) {
      b.append(": ").append(runbook.journal.Journal.shorten(masker.mask(result.message())).replace("\n", " "));
    }
    b.append("\n\n## Parameters\n\n");
    if (params.isEmpty()) {
      b.append("none\n");
    } else {
      b.append("| param | value |\n| --- | --- |\n");
      params.forEach((k, v) -> b.append("| ").append(k).append(" | `").append(cell(String.valueOf(v), masker)).append("` |\n"));
    }
    b.append("\n## Steps\n\n| step | status | duration | exit |\n| --- | --- | --- | --- |\n");
    for (StepRecord s : result.steps()) {
      b.append("| ").append("&nbsp;&nbsp;".repeat(s.depth())).append(s.id()).append(" | ").append(s.status().key())
          .append(" | ").append(Console.seconds(s.durationMs())).append(" | ").append(s.exit() == null ? "" : s.exit()).append(" |\n");
    }
    for (StepRecord s : result.steps()) {
      if (s.command() == null && s.message() == null) {
        continue;
      }
      b.append("\n### ").append(s.id()).append(": ").append(s.title()).append("\n\n");
      b.append("status: ").append(s.status().key());
      if (s.attempts() > 1) {
        b.append(" after ").append(s.attempts()).append(" attempts");
      }
      b.append("\n");
      if (s.message() != null) {
        b.append("\n").append(fence(s.message(), masker));
      }
      if (s.command() != null) {
        b.append("\ncommand:\n\n").append(fence(s.command(), masker));
        excerpt(b, "stdout", dir.stdout(s.id(), Math.max(1, s.attempts())), masker);
        excerpt(b, "stderr", dir.stderr(s.id(), Math.max(1, s.attempts())), masker);
      }
    }
    PrivateFiles.replace(dir.report(), masker.mask(b.toString()));
  }

  /** The last lines of an output file, read from its end so a huge output costs nothing. */
  private static void excerpt(StringBuilder b, String name, Path file, Masker masker) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return;
    }
    String text;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, f.length() - EXCERPT_BYTES);
      byte[] bytes = new byte[(int) (f.length() - start)];
      f.seek(start);
      f.readFully(bytes);
      text = new String(bytes, StandardCharsets.UTF_8);
    }
    List<String> lines = text.lines().toList();
    List<String> last = lines.subList(Math.max(0, lines.size() - EXCERPT_LINES), lines.size());
    b.append("\n").append(name).append(last.size() < lines.size() || Files.size(file) > EXCERPT_BYTES ? " (last lines):" : ":").append("\n\n");
    b.append(fence(String.join("\n", last), masker));
  }

  /** Masked before it is cut, so a cut never leaves part of a secret. */
  private static String fence(String text, Masker masker) {
    return "```\n" + runbook.journal.Journal.shorten(masker.mask(text)).replace("```", "'''") + "\n```\n";
  }

  /** A table cell: one line, cut like a journal's display field (the whole value is in params.json). */
  private static String cell(String s, Masker masker) {
    return runbook.journal.Journal.shorten(masker.mask(s).replace("|", "\\|").replace("`", "'").replace("\n", " "));
  }
}
