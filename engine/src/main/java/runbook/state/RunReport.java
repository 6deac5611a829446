package runbook.state;

import runbook.journal.JournalRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import runbook.exec.Console;
import runbook.journal.JournalException;
import runbook.journal.RunDirectory;

/**
 * {@code runbook show}: a finished run's {@code report.md}; for a run that is still going, or that
 * stopped without writing its report, a report built from its journal so far.
 */
public final class RunReport {
  private RunReport() {}

  /**
   * {@code show --json}: the run as one record: its id, playbook, start, outcome ({@code running},
   * {@code stopped}...), the confirm it waits for, and each step's last status.
   */
  public static Map<String, Object> record(Path stateDir, String runId, java.util.function.Consumer<String> warn)
      throws ResumeException, IOException {
    RunHistory h = history(stateDir, runId, warn);
    String outcome = RunCatalog.outcome(stateDir, h);
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("run", runId);
    m.put("playbook", h.playbookFile());
    m.put("name", h.playbookName());
    m.put("started", h.startedAt());
    m.put("outcome", outcome);
    m.put("simulated", h.simulated());
    m.put("dry_run", h.dryRun());
    m.put("run_dir", h.dir().root().toString());
    String waiting = null;
    for (JournalRecord r : h.records()) {
      if (r instanceof JournalRecord.Waiting w) {
        waiting = w.step();
      } else if (r instanceof JournalRecord.StepFinished f && f.step().equals(waiting)) {
        waiting = null;
      }
    }
    m.put("waiting_for", outcome.equals("running") ? waiting : null);
    java.util.List<Map<String, Object>> steps = new java.util.ArrayList<>();
    for (String id : h.steps()) {
      JournalRecord.StepFinished r = h.finishedRecord(id);
      Map<String, Object> s = new java.util.LinkedHashMap<>();
      s.put("step", id);
      s.put("status", r != null ? r.status() : outcome.equals("running") ? "running" : "interrupted");
      if (r != null) {
        s.put("duration_ms", r.durationMs());
        if (r.exit() != null) {
          s.put("exit", r.exit());
        }
        if (r.message() != null) {
          s.put("message", r.message());
        }
      }
      steps.add(s);
    }
    m.put("steps", steps);
    return m;
  }

  private static RunHistory history(Path stateDir, String runId, java.util.function.Consumer<String> warn) throws ResumeException, IOException {
    RunDirectory dir = RunDirectory.open(stateDir, runId);
    if (!runbook.journal.RunId.isValid(runId) || !Files.isRegularFile(dir.journal())) {
      throw new ResumeException(ResumeException.Reason.NOT_FOUND,
          "no run `" + runId + "` in " + RunDirectory.runsDir(stateDir) + "; `runbook runs` lists the runs there");
    }
    try {
      RunHistory h = RunHistory.read(dir);
      if (h.tornLine() != null) {
        warn.accept(h.tornWarning());
      }
      return h;
    } catch (JournalException e) {
      throw new ResumeException(ResumeException.Reason.DAMAGED_JOURNAL, e.getMessage());
    }
  }

  /**
   * @param warn told when the journal's last line is torn
   */
  public static String show(Path stateDir, String runId, java.util.function.Consumer<String> warn)
      throws ResumeException, IOException {
    RunDirectory dir = RunDirectory.open(stateDir, runId);
    if (!runbook.journal.RunId.isValid(runId) || "no such file".equals(runbook.files.InputFiles.problem(dir.journal()))) {
      throw new ResumeException(ResumeException.Reason.NOT_FOUND,
          "no run `" + runId + "` in " + RunDirectory.runsDir(stateDir) + "; `runbook runs` lists the runs there");
    }
    RunHistory h;
    try {
      h = RunHistory.read(dir);
    } catch (JournalException e) {
      throw new ResumeException(ResumeException.Reason.DAMAGED_JOURNAL, e.getMessage());
    }
    if (h.tornLine() != null) {
      warn.accept(h.tornWarning());
    }
    if (h.outcome() != null && Files.isRegularFile(dir.report())) {
      return runbook.files.InputFiles.readString(dir.report(), 256L * 1024 * 1024);
    }
    String outcome = RunCatalog.outcome(stateDir, h);
    StringBuilder b = new StringBuilder();
    b.append("# ").append(h.playbookName()).append(" (so far)\n\n");
    String kind = h.simulated()
        ? "Simulated run (rehearsal): every command was answered by a scenario; nothing ran on a host." + (h.dryRun() ? " Dry run as well." : "")
        : h.dryRun() ? "Dry run: only the read-only steps ran; nothing was changed." : null;
    if (kind != null) {
      b.append("> **").append(kind).append("**\n\n");
    }
    b.append("- playbook: `").append(h.playbookFile()).append("`\n");
    b.append("- run: `").append(runId).append("`").append(h.dryRun() ? " (dry run)" : "").append(h.simulated() ? " (simulated)" : "").append("\n");
    b.append("- outcome: **").append(outcome).append("**");
    if (outcome.equals("stopped")) {
      b.append(": it ended without an end record; continue it with `runbook resume ").append(runId).append("`");
    }
    b.append("\n\n## Steps\n\n| step | status | duration | exit |\n| --- | --- | --- | --- |\n");
    for (String id : h.steps()) {
      JournalRecord.StepFinished r = h.finishedRecord(id);
      String status = r != null ? r.status() : outcome.equals("running") ? "running" : "interrupted";
      b.append("| ").append(id).append(" | ").append(status).append(" | ")
          .append(r != null ? Console.seconds(r.durationMs()) : "")
          .append(" | ").append(r != null && r.exit() != null ? r.exit() : "").append(" |\n");
    }
    return b.toString();
  }
}
