package runbook.state;

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
import java.util.Set;
import java.util.function.Consumer;
import runbook.diag.InvalidInputException;
import runbook.exec.Continuation;
import runbook.exec.EngineVersion;
import runbook.exec.RunOptions;
import runbook.exec.Runner;
import runbook.exec.UsageException;
import runbook.files.InputFiles;
import runbook.journal.JournalException;
import runbook.journal.JournalRecord;
import runbook.journal.RunDirectory;
import runbook.journal.RunId;
import runbook.model.Param;
import runbook.model.Playbook;
import runbook.model.Step;
import runbook.scenario.Scenario;
import runbook.scenario.ScenarioReader;

/**
 * Prepares every run, new ({@code runbook run}) or continued ({@code runbook resume}), from a
 * {@link RunRequest}: the one place that reads the playbook and the scenario, settles the params,
 * takes the playbook's lock and says how the runner starts (a {@link Continuation}). The command
 * line only turns options into the request and a refusal into an exit code.
 *
 * <p>A new run: the playbook is read (variants applied), a scenario's params become the defaults
 * of a rehearsal, the run gets its id, and the lock is taken before the run directory exists.
 *
 * <p>A resume: finds the run, checks that no process of it still lives, takes its lock, checks
 * that the playbook did not change, rebuilds the params and the finished steps' results, settles
 * what to do with a change that was interrupted, and repairs a torn journal. The runner then
 * continues the run from the first unfinished step.
 */
public final class RunPreparer {
  /** What to do with a step that changes the system and was running when the run stopped. */
  public enum Decision { RERUN, MARK_DONE, ABORT }

  /** Asks the operator about an interrupted change. */
  public interface Decider {
    /** True when someone can answer. */
    boolean interactive();

    Decision decide(String stepId, String title) throws IOException;
  }

  /** Nobody to ask: a resume then needs {@code --rerun-interrupted} or {@code --mark-done}. */
  public static final Decider NOBODY = new Decider() {
    @Override
    public boolean interactive() {
      return false;
    }

    @Override
    public Decision decide(String stepId, String title) {
      return Decision.ABORT;
    }
  };

  /** Reads a playbook file, variants applied. */
  public interface PlaybookSource {
    Playbook load(Path file) throws InvalidInputException;
  }

  /**
   * A new run checked and given its id, before its lock is taken: what {@code run --detach} needs to
   * hand the run to an engine of its own.
   *
   * @param scenarioFile {@code --simulate}'s file, journaled with its sha256; null to run on this host
   * @param scenario what that file says; null to run on this host
   */
  public record Planned(Playbook playbook, RunOptions options, String runId, Path scenarioFile, Scenario scenario) {}

  /**
   * A run ready to go; closing it releases the lock.
   *
   * @param scenario for a simulated run, the scenario that answers its commands; null otherwise
   * @param scenarioFlags the scenario's flags: none for a new rehearsal, those it had when a
   *     resumed one stopped
   */
  public record Prepared(Playbook playbook, RunOptions options, Continuation continuation, RunLock lock,
      Scenario scenario, Set<String> scenarioFlags) implements AutoCloseable {
    public Prepared {
      scenarioFlags = Set.copyOf(scenarioFlags);
    }

    @Override
    public void close() throws IOException {
      lock.close();
    }
  }

  private static final long SOURCE_LIMIT = 64L * 1024 * 1024;

  private final PlaybookSource playbooks;
  private final Clock clock;

  public RunPreparer(PlaybookSource playbooks, Clock clock) {
    this.playbooks = playbooks;
    this.clock = clock;
  }

  /**
   * A run ready to start, its lock held.
   *
   * @param decider asked about an interrupted change (a resume)
   * @param warn told about a secret given on the command line, a torn journal, a forced resume, a
   *     lock taken over, a newer run {@code --last} passed over
   */
  public Prepared prepare(RunRequest request, Decider decider, Consumer<String> warn)
      throws ResumeException, UsageException, LockBusyException, StateDirectoryException, InvalidInputException, IOException {
    if (request instanceof RunRequest.Fresh fresh) {
      return start(plan(fresh, warn), warn);
    }
    return resume((RunRequest.Resume) request, decider, warn);
  }

  // ---------------------------------------------------------------- a new run

  /**
   * A new run read and checked, with its id: every problem the options and the playbook's
   * structure can show is found here, before anything is locked or started.
   *
   * @param warn told about a secret given on the command line
   */
  public Planned plan(RunRequest.Fresh r, Consumer<String> warn) throws UsageException, InvalidInputException, IOException {
    RunRequest.Common c = r.common();
    Map<String, String> params = c.params();
    Scenario scenario = null;
    if (r.scenario() != null) {
      scenario = ScenarioReader.read(r.scenario());
      // the scenario's params are the rehearsal's defaults; --params and --set still win
      Map<String, String> merged = new LinkedHashMap<>(scenario.params());
      merged.putAll(params);
      params = merged;
    }
    Playbook playbook = playbooks.load(r.playbook());
    warnSecretsOnCommandLine(playbook, c, warn);
    RunOptions options = new RunOptions(params, r.dryRun(), r.step(), c.yes(), Set.copyOf(c.approve()), r.from(),
        c.stateDir(), c.environment(), c.user(), c.host(), scenario != null);
    String runId = r.runId() != null && RunId.isValid(r.runId()) ? r.runId() : RunId.create(clock.instant(), playbook.name());
    return new Planned(playbook, options, runId, r.scenario(), scenario);
  }

  /** The planned run with its lock: one run per playbook and state directory, taken before the run directory exists. */
  private Prepared start(Planned p, Consumer<String> warn) throws LockBusyException, StateDirectoryException, IOException {
    RunOptions o = p.options();
    RunLock lock = lock(o.stateDir(), p.playbook().name(), o.user(), o.host(), p.runId());
    try {
      List<JournalRecord> notes = new ArrayList<>();
      takeover(lock, notes, warn);
      if (p.scenario() != null) {
        notes.add(Simulation.record(p.scenarioFile()));
      }
      Prepared prepared = new Prepared(p.playbook(), o, Continuation.fresh(p.runId(), notes), lock, p.scenario(), Set.of());
      lock = null;
      return prepared;
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  // ---------------------------------------------------------------- both

  private RunLock lock(Path stateDir, String playbookName, String user, String host, String runId)
      throws LockBusyException, StateDirectoryException, IOException {
    return RunLock.acquire(stateDir, playbookName, LockHolder.self(user, host, clock.instant().toString(), runId));
  }

  /** A lock taken over from a run that died is said, and journaled. */
  private static void takeover(RunLock lock, List<JournalRecord> notes, Consumer<String> warn) {
    if (lock.takeoverRecord() != null) {
      warn.accept("warning: " + lock.takeoverMessage());
      notes.add(lock.takeoverRecord());
    }
  }

  /**
   * A secret param given with {@code --set} is in the engine's command line for the whole run (or
   * resume), where every local user reads it ({@code /proc/PID/cmdline}, {@code ps}): say how to keep
   * it out.
   */
  private static void warnSecretsOnCommandLine(Playbook playbook, RunRequest.Common c, Consumer<String> warn) {
    for (String name : c.onCommandLine()) {
      Param p = playbook.params().get(name);
      if (p != null && p.secret()) {
        warn.accept("warning: param `" + name + "` is secret, but --set puts its value in this"
            + " command's arguments, which every local user can read in the process list while the run lasts;"
            + " give it with --set-from-file " + name + "=FILE (- for standard input) or --set-from-env " + name + "=VAR");
      }
    }
  }

  // ---------------------------------------------------------------- a resume

  private Prepared resume(RunRequest.Resume r, Decider decider, Consumer<String> warn)
      throws ResumeException, UsageException, LockBusyException, StateDirectoryException, InvalidInputException, IOException {
    checkOptions(r);
    RunRequest.Common c = r.common();
    String runId = r.last() ? latest(c.stateDir(), r.rehearsals(), warn) : r.runId();
    if (runId == null) {
      throw new UsageException(List.of(r.last()
          ? "no run to resume in " + RunDirectory.runsDir(c.stateDir()) + ": --last passes over dry runs"
              + (r.rehearsals() ? "" : " and rehearsals (--simulate; add --include-rehearsals to choose one)")
              + "; `runbook runs` lists the runs"
          : "name the run to resume (RUN_ID) or give --last; `runbook runs` lists them"));
    }
    RunDirectory dir = RunDirectory.open(c.stateDir(), runId);
    if (!RunId.isValid(runId) || "no such file".equals(InputFiles.problem(dir.journal()))) {
      throw new ResumeException(ResumeException.Reason.NOT_FOUND,
          "no run `" + runId + "` in " + RunDirectory.runsDir(c.stateDir()) + "; `runbook runs` lists the runs there");
    }
    try {
      // a resume appends to the journal and may cut a torn line off it: every part must be private and ours
      dir.checkWritable(c.stateDir());
    } catch (IOException e) {
      throw StateDirectoryException.of(c.stateDir(), e);
    }
    RunHistory history = read(dir);
    if (history.tornLine() != null) {
      warn.accept(history.tornWarning());
    }
    if ("succeeded".equals(history.outcome())) {
      throw new ResumeException(ResumeException.Reason.NOT_RESUMABLE, "run " + runId + " succeeded; there is nothing to resume");
    }
    if (history.dryRun()) {
      throw new ResumeException(ResumeException.Reason.NOT_RESUMABLE,
          "run " + runId + " was a dry run; it changed nothing, so start it again instead of resuming it");
    }
    if (r.waitForProcesses()) {
      waitForProcesses(c.stateDir(), history, warn);
    }
    // the lock checks the processes of the run that held it last; this run's own are checked too,
    // before the lock is touched (a lock taken and released again no longer names the dead holder)
    LockHolder holder = RunLock.holder(c.stateDir(), history.playbookName());
    boolean engineAlive = holder != null && runId.equals(holder.run()) && holder.host().equals(c.host()) && holder.gone() == null;
    List<RunProcesses.Live> live = engineAlive ? List.of() : RunProcesses.alive(history.records());
    if (!live.isEmpty()) {
      throw new LockBusyException(RunProcesses.refusal(runId, live));
    }
    RunLock lock = lock(c.stateDir(), history.playbookName(), c.user(), c.host(), runId);
    try {
      Prepared p = resume(r, history, lock, decider, warn);
      lock = null;
      return p;
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /** Options that contradict each other, or need another. */
  private static void checkOptions(RunRequest.Resume r) throws UsageException {
    List<String> problems = new ArrayList<>();
    if ((r.runId() == null) == !r.last()) {
      problems.add(r.last() ? "give RUN_ID or --last, not both" : "name the run to resume: RUN_ID or --last (`runbook runs` lists them)");
    }
    if (r.rerunInterrupted() && r.markDone() != null) {
      problems.add("--rerun-interrupted and --mark-done contradict each other; give one");
    }
    if (r.rehearsals() && !r.last()) {
      problems.add("--include-rehearsals goes with --last; a RUN_ID names its run");
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
  }

  private Prepared resume(RunRequest.Resume r, RunHistory history, RunLock lock, Decider decider, Consumer<String> warn)
      throws ResumeException, UsageException, InvalidInputException, IOException {
    RunRequest.Common c = r.common();
    List<Map<String, Object>> changed = changedSources(history, r.force());
    if (!changed.isEmpty()) {
      warn.accept("warning: resuming with --force although the playbook changed since the run started");
    }
    Simulation.Resumed simulation = history.simulated() ? Simulation.forResume(history, r.force()) : null;
    Playbook playbook = playbooks.load(history.playbookPath());
    warnSecretsOnCommandLine(playbook, c, warn);
    Map<String, String> params = params(playbook, history, c.params());

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
    takeover(lock, notes, warn);
    JournalRecord.RunResumed resumed = new JournalRecord.RunResumed(null, history.runId(), history.playbookPath().toString(),
        c.user(), c.host(), EngineVersion.get(), changed, decision == null ? null : step.id(), decision, finished.size());
    // a run started with --from passes over the same steps again: they never ran, and must not now
    RunOptions options = new RunOptions(params, false, false, c.yes(), Set.copyOf(c.approve()), history.from(), c.stateDir(),
        c.environment(), c.user(), c.host(), history.simulated());
    Continuation continuation = new Continuation(history.runId(), true, finished, markDone, notes, resumed);
    return simulation == null
        ? new Prepared(playbook, options, continuation, lock, null, Set.of())
        : new Prepared(playbook, options, continuation, lock, ScenarioReader.read(simulation.scenario()), simulation.flags());
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

  private static Decision decide(Step step, RunRequest.Resume r, Decider decider, String runId) throws ResumeException {
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
