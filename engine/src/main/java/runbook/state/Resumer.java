package runbook.state;

import runbook.journal.JournalRecord;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import runbook.diag.InvalidInputException;
import runbook.exec.Continuation;
import runbook.files.InputFiles;
import runbook.exec.EngineVersion;
import runbook.exec.RunOptions;
import runbook.exec.Runner;
import runbook.exec.UsageException;
import runbook.journal.JournalException;
import runbook.journal.RunDirectory;
import runbook.journal.RunId;
import runbook.model.Param;
import runbook.model.Playbook;
import runbook.model.Step;

/**
 * Prepares {@code runbook resume}: finds the run, takes its lock, checks that the playbook did not
 * change, rebuilds the params and the finished steps' results, settles what to do with a change
 * that was interrupted, and repairs a torn journal. The runner then continues the run from the
 * first unfinished step.
 */
public final class Resumer {
  /** What to do with a step that changes the system and was running when the run stopped. */
  public enum Decision { RERUN, MARK_DONE, ABORT }

  /** Asks the operator about an interrupted change. */
  public interface Decider {
    /** True when someone can answer. */
    boolean interactive();

    Decision decide(String stepId, String title) throws IOException;
  }

  /** Reads a playbook file, variants applied. */
  public interface PlaybookSource {
    Playbook load(Path file) throws InvalidInputException;
  }

  /**
   * What the operator asked.
   *
   * @param runId null with {@code last}
   * @param last {@code --last}: the most recent run in the state directory that is not a dry run
   *     nor, unless {@code rehearsals}, a simulated one
   * @param rehearsals {@code --last} may choose a simulated run
   * @param force continue although the playbook changed
   * @param rerunInterrupted run an interrupted change again
   * @param markDone the interrupted change the operator declares done; null for none
   * @param params {@code --params} then {@code --set}: secrets must be given again
   * @param waitForProcesses {@code --wait}: when a command of the run outlived its engine, wait for
   *     it to end instead of refusing
   */
  public record Request(
      String runId,
      boolean last,
      boolean rehearsals,
      boolean force,
      boolean rerunInterrupted,
      String markDone,
      Map<String, String> params,
      boolean yes,
      List<String> approve,
      Path stateDir,
      Map<String, String> environment,
      String user,
      String host,
      boolean waitForProcesses) {
    public Request {
      params = Map.copyOf(params);
      approve = List.copyOf(approve);
      Objects.requireNonNull(stateDir, "stateDir");
    }
  }

  /**
   * A resume ready to run; closing it releases the lock.
   *
   * @param scenario for a simulated run, the scenario that answers its commands; null otherwise
   * @param scenarioFlags the scenario's flags when the run stopped
   */
  public record Prepared(Playbook playbook, RunOptions options, Continuation continuation, RunLock lock,
      Path scenario, Set<String> scenarioFlags) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      lock.close();
    }
  }

  private static final long SOURCE_LIMIT = 64L * 1024 * 1024;

  private final PlaybookSource playbooks;
  private final Clock clock;

  public Resumer(PlaybookSource playbooks, Clock clock) {
    this.playbooks = playbooks;
    this.clock = clock;
  }

  /**
   * @param warn told about a torn journal, a forced resume, a lock taken over
   */
  public Prepared prepare(Request r, Decider decider, Consumer<String> warn)
      throws ResumeException, UsageException, LockBusyException, StateDirectoryException, InvalidInputException, IOException {
    String runId = r.last() ? latest(r.stateDir(), r.rehearsals(), warn) : r.runId();
    if (runId == null) {
      throw new UsageException(List.of(r.last()
          ? "no run to resume in " + RunDirectory.runsDir(r.stateDir()) + ": --last passes over dry runs"
              + (r.rehearsals() ? "" : " and rehearsals (--simulate; add --include-rehearsals to choose one)")
              + "; `runbook runs` lists the runs"
          : "name the run to resume (RUN_ID) or give --last; `runbook runs` lists them"));
    }
    RunDirectory dir = RunDirectory.open(r.stateDir(), runId);
    if (!RunId.isValid(runId) || "no such file".equals(runbook.files.InputFiles.problem(dir.journal()))) {
      throw new ResumeException(ResumeException.Reason.NOT_FOUND,
          "no run `" + runId + "` in " + RunDirectory.runsDir(r.stateDir()) + "; `runbook runs` lists the runs there");
    }
    try {
      // a resume appends to the journal and may cut a torn line off it: every part must be private and ours
      dir.checkWritable(r.stateDir());
    } catch (IOException e) {
      throw StateDirectoryException.of(r.stateDir(), e);
    }
    RunHistory history = read(dir);
    if (history.tornLine() != null) {
      warn.accept(tornWarning(history));
    }
    if ("succeeded".equals(history.outcome())) {
      throw new ResumeException(ResumeException.Reason.NOT_RESUMABLE, "run " + runId + " succeeded; there is nothing to resume");
    }
    if (history.dryRun()) {
      throw new ResumeException(ResumeException.Reason.NOT_RESUMABLE,
          "run " + runId + " was a dry run; it changed nothing, so start it again instead of resuming it");
    }
    if (r.waitForProcesses()) {
      waitForProcesses(r.stateDir(), history, warn);
    }
    // the lock checks the processes of the run that held it last; this run's own are checked too,
    // before the lock is touched (a lock taken and released again no longer names the dead holder)
    LockHolder holder = RunLock.holder(r.stateDir(), history.playbookName());
    boolean engineAlive = holder != null && runId.equals(holder.run()) && holder.host().equals(r.host()) && holder.gone() == null;
    List<RunProcesses.Live> live = engineAlive ? List.of() : RunProcesses.alive(history.records());
    if (!live.isEmpty()) {
      throw new LockBusyException(RunProcesses.refusal(runId, live));
    }
    RunLock lock = RunLock.acquire(r.stateDir(), history.playbookName(),
        LockHolder.self(r.user(), r.host(), clock.instant().toString(), runId));
    try {
      Prepared p = prepare(r, history, lock, decider, warn);
      lock = null;
      return p;
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  private Prepared prepare(Request r, RunHistory history, RunLock lock, Decider decider, Consumer<String> warn)
      throws ResumeException, UsageException, InvalidInputException, IOException {
    List<Map<String, Object>> changed = changedSources(history, r.force());
    if (!changed.isEmpty()) {
      warn.accept("warning: resuming with --force although the playbook changed since the run started");
    }
    Simulation.Resumed simulation = history.simulated() ? Simulation.forResume(history, r.force()) : null;
    Playbook playbook = playbooks.load(history.playbookPath());
    Map<String, String> params = params(playbook, history, r.params());

    List<JournalRecord> notes = new ArrayList<>();
    String decision = null;
    String interrupted = history.interruptedStep();
    Step step = interrupted == null ? null : playbook.step(interrupted).orElse(null);
    Set<String> markDone = new LinkedHashSet<>();
    if (r.markDone() != null && (step == null || !step.changes() || !step.id().equals(r.markDone()))) {
      throw new UsageException(List.of("--mark-done " + r.markDone() + ": "
          + (step != null && step.changes() ? "the interrupted change is `" + step.id() + "`" : "no change was interrupted in run " + history.runId())));
    }
    if (step != null && step.changes()) {
      Decision d = decide(step, r, decider, history.runId());
      decision = d == Decision.RERUN ? "rerun" : "mark-done";
      if (d == Decision.MARK_DONE) {
        markDone.add(step.id());
      }
    }
    Map<String, Continuation.Prior> finished = ResultRestorer.restore(playbook, history);
    if (history.tornLine() != null) {
      notes.add(repair(history));
    }
    if (lock.takeoverRecord() != null) {
      warn.accept("warning: " + lock.takeoverMessage());
      notes.add(lock.takeoverRecord());
    }
    JournalRecord.RunResumed resumed = new JournalRecord.RunResumed(null, history.runId(), history.playbookPath().toString(),
        r.user(), r.host(), EngineVersion.get(), changed, decision == null ? null : step.id(), decision, finished.size());
    // a run started with --from passes over the same steps again: they never ran, and must not now
    RunOptions options = new RunOptions(params, false, false, r.yes(), Set.copyOf(r.approve()), history.from(), r.stateDir(),
        r.environment(), r.user(), r.host(), history.simulated());
    Continuation c = new Continuation(history.runId(), true, finished, markDone, notes, resumed);
    return simulation == null
        ? new Prepared(playbook, options, c, lock, null, Set.of())
        : new Prepared(playbook, options, c, lock, simulation.scenario(), simulation.flags());
  }

  /**
   * Waits until no process of the run is alive (the engine being gone), saying once what it waits
   * for. A run whose engine still holds the lock is not waited for: taking the lock says who holds it.
   */
  private static void waitForProcesses(Path stateDir, RunHistory history, Consumer<String> warn) throws IOException {
    LockHolder holder = RunLock.holder(stateDir, history.playbookName());
    if (holder != null && history.runId().equals(holder.run()) && holder.gone() == null) {
      return;
    }
    List<RunProcesses.Live> live = RunProcesses.alive(history.records());
    if (live.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder("waiting for run " + history.runId() + "'s processes to end:");
    live.forEach(l -> b.append("\n  ").append(l.describe()));
    warn.accept(b.toString());
    while (!RunProcesses.alive(history.records()).isEmpty()) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("stopped waiting for run " + history.runId() + "'s processes; they still run");
      }
    }
  }

  private static RunHistory read(RunDirectory dir) throws ResumeException, IOException {
    try {
      return RunHistory.read(dir);
    } catch (JournalException e) {
      throw new ResumeException(ResumeException.Reason.DAMAGED_JOURNAL, e.getMessage() + "; the run cannot be resumed from it");
    }
  }

  static String tornWarning(RunHistory h) {
    return "warning: " + h.dir().journal() + ":" + h.tornLineNumber()
        + ": the last record is incomplete (the run stopped while writing it); the journal was read up to it";
  }

  /** Every source file whose sha256 differs from the one journaled; an error unless forced. */
  private static List<Map<String, Object>> changedSources(RunHistory h, boolean force) throws ResumeException, IOException {
    List<Map<String, Object>> changed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : h.sources().entrySet()) {
      Path file = Path.of(e.getKey());
      String problem = InputFiles.problem(file);
      if (problem != null) {
        throw new ResumeException(ResumeException.Reason.NOT_FOUND,
            "the playbook of run " + h.runId() + " is gone: " + file + " " + problem + " (a copy as run is in " + h.dir().playbook() + ")");
      }
      String now = Runner.sha256(InputFiles.read(file, SOURCE_LIMIT));
      if (!now.equals(e.getValue())) {
        problems.add(file + ": sha256 was " + e.getValue() + " when the run started, is now " + now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", file.toString());
        m.put("was", e.getValue());
        m.put("now", now);
        changed.add(m);
      }
    }
    if (!problems.isEmpty() && !force) {
      throw new ResumeException(ResumeException.Reason.PLAYBOOK_CHANGED,
          "the playbook changed since run " + h.runId() + " started:\n  " + String.join("\n  ", problems)
              + "\nresuming would mix two versions of the procedure; start a new run, or resume with --force if the change is safe");
    }
    return changed;
  }

  /**
   * The params the run started with. Secrets are not kept anywhere, so the operator gives them
   * again; any other param keeps its value (a different one would change the run halfway).
   */
  private static Map<String, String> params(Playbook playbook, RunHistory h, Map<String, String> given) throws UsageException {
    Map<String, String> out = new LinkedHashMap<>();
    h.params().forEach((k, v) -> out.put(k, String.valueOf(v)));
    List<String> problems = new ArrayList<>();
    for (Param p : playbook.params().values()) {
      if (p.secret()) {
        if (given.containsKey(p.name())) {
          out.put(p.name(), given.get(p.name()));
        } else {
          out.remove(p.name());
          problems.add("secret param `" + p.name() + "` is never stored, so give it again: --set " + p.name() + "=VALUE");
        }
      }
    }
    for (Map.Entry<String, String> e : given.entrySet()) {
      Param p = playbook.params().get(e.getKey());
      boolean secret = p != null && p.secret();
      if (!secret && out.containsKey(e.getKey()) && !out.get(e.getKey()).equals(e.getValue())) {
        problems.add("param `" + e.getKey() + "` was '" + out.get(e.getKey()) + "' when run " + h.runId()
            + " started; a resumed run keeps its params (start a new run to change it)");
      } else if (!secret) {
        out.put(e.getKey(), e.getValue());
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    return out;
  }

  private static Decision decide(Step step, Request r, Decider decider, String runId) throws ResumeException {
    if (r.markDone() != null) {
      return Decision.MARK_DONE;
    }
    if (r.rerunInterrupted()) {
      return Decision.RERUN;
    }
    String what = "step `" + step.id() + "` changes the system and was running when run " + runId
        + " stopped: it may or may not have done its work";
    if (!decider.interactive()) {
      throw new ResumeException(ResumeException.Reason.UNDECIDED, what
          + "; check the system, then resume with --rerun-interrupted to run it again, or with --mark-done "
          + step.id() + " if it completed");
    }
    Decision d;
    try {
      d = decider.decide(step.id(), step.info().title().text());
    } catch (IOException e) {
      throw new ResumeException(ResumeException.Reason.UNDECIDED, what + "; no answer came (" + e.getMessage()
          + "); resume again and answer, or give --rerun-interrupted or --mark-done " + step.id());
    }
    if (d == Decision.ABORT) {
      throw new ResumeException(ResumeException.Reason.UNDECIDED, "resume aborted by the operator at step `" + step.id() + "`; nothing was run");
    }
    return d;
  }

  /**
   * Cuts the torn last line off the journal so new records start on a line of their own; its text
   * goes into the {@code journal-repaired} record.
   */
  private static JournalRecord.JournalRepaired repair(RunHistory h) throws IOException {
    Path journal = h.dir().journal();
    byte[] bytes = Files.readAllBytes(journal);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
      f.setLength(end);
      f.getFD().sync();
    }
    return new JournalRecord.JournalRepaired(null, h.tornLineNumber(), bytes.length - end, h.tornLine());
  }

  /** The most recent run (ids sort by start time); null when there is none. */
  /**
   * The run {@code --last} means: the most recent one that changed or could change the host. A dry
   * run changed nothing, and a rehearsal after a real run that stopped must not take its place;
   * the operator is told which newer runs were passed over.
   */
  static String latest(Path stateDir, boolean rehearsals, Consumer<String> warn) throws IOException {
    List<String> ids = RunCatalog.ids(stateDir);
    List<String> passed = new ArrayList<>();
    for (int i = ids.size() - 1; i >= 0; i--) {
      String id = ids.get(i);
      RunHistory h;
      try {
        h = RunHistory.read(RunDirectory.open(stateDir, id));
      } catch (JournalException e) {
        return id; // damaged: chosen, so that the operator hears why it cannot be resumed
      }
      if (h.dryRun() || (h.simulated() && !rehearsals)) {
        passed.add(id + (h.dryRun() ? " (dry run)" : " (rehearsal)"));
        continue;
      }
      if (!passed.isEmpty()) {
        warn.accept("--last passes over the newer " + String.join(", ", passed) + " and continues " + id);
      }
      return id;
    }
    return null;
  }
}
