package runbook.state;

import runbook.journal.JournalRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.exec.Continuation.Prior;
import runbook.exec.StepStatus;
import runbook.model.ConfirmStep;
import runbook.model.GroupStep;
import runbook.model.Playbook;
import runbook.model.RequireStateStep;
import runbook.model.Step;

/**
 * The results of a run's finished steps, rebuilt for a resume: the values the journal's
 * {@code step-finished} records keep (exit, rows, match, approved...) and the captured output read
 * back from the run directory's {@code steps/} files, which hold every byte the commands wrote
 * (with secrets masked, as everywhere the engine stores text).
 *
 * <p>A step counts as finished when it ended ok, skipped or declined, or failed under
 * {@code continue-on-error}; a failed, aborted or interrupted step runs again. The fix and
 * on-failure steps of a step that runs again run again with it when needed, so they are not
 * restored. A confirm approved just before the run died is not asked again.
 */
final class ResultRestorer {
  private final RunHistory history;
  private final Map<String, Prior> out = new LinkedHashMap<>();

  private ResultRestorer(RunHistory history) {
    this.history = history;
  }

  /** Step id to its restored result, for every finished step of the playbook. */
  static Map<String, Prior> restore(Playbook playbook, RunHistory history) {
    ResultRestorer r = new ResultRestorer(history);
    r.walk(playbook.steps(), false);
    return r.out;
  }

  private void walk(List<Step> steps, boolean runsAgainWithParent) {
    for (Step s : steps) {
      Prior prior = runsAgainWithParent ? null : prior(s);
      if (prior != null) {
        out.put(s.id(), prior);
      }
      boolean again = runsAgainWithParent || prior == null;
      if (s instanceof GroupStep g) {
        walk(g.steps(), runsAgainWithParent);
      }
      if (s instanceof RequireStateStep r) {
        walk(r.fix(), again);
      }
      walk(s.info().onFailure(), again);
    }
  }

  private Prior prior(Step s) {
    String status = history.status(s.id());
    // approved, and stopped before its end was journaled (killed) or while it ended (SIGTERM)
    if (status == null || status.equals("interrupted") && s instanceof ConfirmStep) {
      return s instanceof ConfirmStep && history.approved().contains(s.id())
          ? new Prior(StepStatus.OK, Map.of("approved", true), Map.of(), "approved before the resume", null, null, 0, 1)
          : null;
    }
    boolean done = status.equals("ok") || status.equals("skipped") || status.equals("declined")
        || (status.equals("failed") && s.info().continueOnError());
    return done ? fromRecord(s.id(), history.finishedRecord(s.id())) : null;
  }

  @SuppressWarnings("unchecked")
  private Prior fromRecord(String id, JournalRecord.StepFinished r) {
    Map<String, Object> values = new LinkedHashMap<>(r.values());
    Map<String, String> unavailable = new LinkedHashMap<>(r.unavailable());
    toInteger(values, "exit");
    toInteger(values, "count");
    int attempts = r.attempts() != null ? r.attempts() : 1;
    if (r.command() != null) {
      addOutputs(values, unavailable.keySet(), history.dir().stdout(id, attempts), history.dir().stderr(id, attempts));
    }
    if (values.get("probe") instanceof Map<?, ?> probe) {
      Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) probe);
      toInteger(p, "exit");
      toInteger(p, "count");
      int n = lastProbe(id);
      if (n > 0 && !Boolean.TRUE.equals(p.get("truncated"))) {
        addOutputs(p, java.util.Set.of(), history.dir().stdout(id, n), history.dir().stderr(id, n));
      }
      values.put("probe", p);
    }
    return new Prior(status(r), values, unavailable, r.message(), r.command(), r.exit(), r.durationMs(), attempts);
  }

  private static StepStatus status(JournalRecord.StepFinished r) {
    for (StepStatus s : StepStatus.values()) {
      if (s.key().equals(r.status())) {
        return s;
      }
    }
    throw new IllegalStateException("unknown step status in the journal: " + r.status());
  }

  /** {@code stdout}, {@code lines} and {@code stderr} from the step's output files, unless they were truncated. */
  private static void addOutputs(Map<String, Object> values, java.util.Set<String> unavailable, Path out, Path err) {
    if (!unavailable.contains("stdout")) {
      String text = read(out);
      values.put("stdout", text);
      values.put("lines", text.lines().toList());
    }
    if (!unavailable.contains("stderr")) {
      values.put("stderr", read(err));
    }
  }

  /** The number of a require-state's last probe: its outputs are {@code <id>.out}, {@code <id>-2.out}... */
  private int lastProbe(String id) {
    int n = 0;
    while (Files.exists(history.dir().stdout(id, n + 1))) {
      n++;
    }
    return n;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The journal reads every integer as a Long; these values are Integers while a run runs. */
  private static void toInteger(Map<String, Object> values, String key) {
    if (values.get(key) instanceof Long n) {
      values.put(key, n.intValue());
    }
  }
}
