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

  static void write(RunDirectory dir, Playbook playbook, Map<String, Object> params, RunResult result, RunOptions options,
      Ending ending, Masker masker) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(masker.mask(playbook.title())).append("\n\n");
    String kind = kind(options.dryRun(), options.simulated());
    if (kind != null) {
      b.append("> **").append(kind).append("**\n\n");
    }
    b.append("- playbook: `").append(playbook.file()).append("` (").append(playbook.name()).append(")\n");
    b.append("- run: `").append(result.runId()).append("`")
        .append(options.dryRun() ? " (dry run)" : "").append(options.simulated() ? " (simulated)" : "").append("\n");
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
    stop(b, ending, masker);
    decisions(b, dir, masker);
    b.append("\n## Steps\n\n| step | status | duration | exit |\n| --- | --- | --- | --- |\n");
    for (StepRecord s : result.steps()) {
      b.append("| ").append("&nbsp;&nbsp;".repeat(s.depth())).append(s.id()).append(" | ").append(s.status().key())
          .append(" | ").append(Console.seconds(s.durationMs())).append(" | ").append(s.exit() == null ? "" : s.exit()).append(" |\n");
    }
    for (StepRecord s : result.steps()) {
      if (s.command() == null && s.message() == null) {
        continue;
      }
      b.append("\n### ").append(s.id()).append(": ").append(masker.mask(s.title())).append("\n\n");
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
    // masked piece by piece above, as the journal is field by field: ids, paths and the resume
    // command are structure that a short secret must not change
    PrivateFiles.replace(dir.report(), b.toString());
  }

  /** Where the run stopped, in the words of the last screen: the step, what to do, the host's state, how to continue. */
  private static void stop(StringBuilder b, Ending e, Masker masker) {
    if (e == null || e.outcome() == RunResult.Outcome.SUCCEEDED) {
      if (e != null && !e.summaries().isEmpty()) {
        b.append("\n## Outcome\n\n");
        e.summaries().forEach(t -> b.append(masker.mask(t).strip()).append("\n\n"));
      }
      return;
    }
    b.append("\n## Where the run stopped\n\n");
    if (e.stoppedAt() != null) {
      b.append("at step `").append(e.stoppedAt().id()).append("`: ").append(masker.mask(e.stoppedAt().title())).append("\n\n");
      if (e.stoppedAt().message() != null) {
        b.append(fence(e.stoppedAt().message().strip(), masker));
      }
    }
    if (e.doc() != null) {
      b.append("\nWhat to do:\n\n").append(masker.mask(e.doc()).strip()).append("\n");
    }
    if (e.state() != null) {
      b.append("\nWhere the host stands:\n\n").append(masker.mask(e.state()).strip()).append("\n");
    }
    if (e.resumeCommand() != null) {
      b.append("\nTo continue the run once the cause is fixed:\n\n").append(fence(e.resumeCommand(), Masker.NONE));
    }
  }

  /** What kind of run this was, said first: a report of a rehearsal must never read like a repair. */
  static String kind(boolean dry, boolean simulated) {
    if (simulated) {
      return "Simulated run (rehearsal): every command was answered by a scenario; nothing ran on a host."
          + (dry ? " Dry run as well." : "");
    }
    return dry ? "Dry run: only the read-only steps ran; nothing was changed." : null;
  }

  /** Every confirm's question and answer, with who answered, where and when, from the journal (a resume included). */
  private static void decisions(StringBuilder b, RunDirectory dir, Masker masker) throws IOException {
    List<runbook.journal.JournalRecord.StepFinished> answers = new java.util.ArrayList<>();
    // an interrupted run (Ctrl-C) still writes its report, and a channel read on an interrupted
    // thread closes itself: the flag is put aside while the journal is read, then restored
    boolean interrupted = Thread.interrupted();
    try {
      for (runbook.journal.JournalRecord r : runbook.journal.JournalReader.read(dir.journal()).typed()) {
        if (r instanceof runbook.journal.JournalRecord.StepFinished f && f.decision() != null) {
          answers.add(f);
        }
      }
    } catch (runbook.journal.JournalException e) {
      b.append("\n## Decisions\n\nthe journal cannot be read: ").append(masker.mask(e.getMessage())).append("\n");
      return;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (answers.isEmpty()) {
      return;
    }
    b.append("\n## Decisions\n\n| time (UTC) | step | answer | by | user | terminal |\n| --- | --- | --- | --- | --- | --- |\n");
    for (runbook.journal.JournalRecord.StepFinished r : answers) {
      runbook.journal.JournalRecord.Decision d = r.decision();
      String time = String.valueOf(d.time() != null ? d.time() : r.time());
      b.append("| ").append(time.replaceAll("\\.\\d+Z$", "Z")).append(" | ").append(r.step()).append(" | ")
          .append(d.approved() ? "approved" : "declined").append(" | ").append(cell(String.valueOf(d.by()), masker))
          .append(" | ").append(cell(String.valueOf(d.user()), Masker.NONE)).append(" | ").append(cell(String.valueOf(d.terminal()), Masker.NONE)).append(" |\n");
    }
    for (runbook.journal.JournalRecord.StepFinished r : answers) {
      if (r.decision().prompt() != null) {
        b.append("\n").append(r.step()).append(" asked:\n\n").append(fence(r.decision().prompt(), masker));
      }
    }
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
