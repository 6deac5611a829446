package runbook.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import runbook.diag.Suggestions;
import runbook.expr.ExprEngine;
import runbook.files.DiskSpace;
import runbook.journal.Journal;
import runbook.journal.JournalRecord;
import runbook.journal.JournalWriteException;
import runbook.journal.PrivateFiles;
import runbook.journal.UnsafeDirectoryException;
import runbook.journal.RunDirectory;
import runbook.journal.RunId;
import runbook.json.Json;
import runbook.model.ConfirmStep;
import runbook.model.Param;
import runbook.model.Playbook;
import runbook.model.Ref;
import runbook.model.Step;
import runbook.process.Host;

/**
 * Runs a resolved playbook: checks the params and the required programs, creates the run
 * directory and the journal, walks the steps, and writes the report. The command line only maps
 * its {@link RunResult} to an exit code.
 */
public final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  /** A playbook file is at most 4 MiB when read (YamlLimits); this is its copy's bound, with room to spare. */
  private static final long SOURCE_LIMIT = 64L * 1024 * 1024;

  private final Host host;
  private final ExprEngine expr;
  private final Console console;
  private final Prompter prompter;
  private final Interruption interruption;
  private final Clock clock;
  private List<String> resumeOptions = List.of();

  public Runner(Host host, ExprEngine expr, Console console, Prompter prompter, Interruption interruption, Clock clock) {
    this.host = host;
    this.expr = expr;
    this.console = console;
    this.prompter = prompter;
    this.interruption = interruption;
    this.clock = clock;
  }

  /**
   * The options a {@code runbook resume} of this run needs besides the run id (a state directory
   * that is not the default, the approvals given), for the command shown when a run stops.
   */
  public Runner resumeOptions(List<String> options) {
    this.resumeOptions = List.copyOf(options);
    return this;
  }

  /**
   * @throws UsageException the params or options do not fit the playbook; nothing ran and no run
   *     directory was made
   * @throws IOException the run directory cannot be created or written
   */
  public RunResult run(Playbook playbook, RunOptions options) throws UsageException, IOException {
    return run(playbook, options, Continuation.fresh(RunId.create(clock.instant(), playbook.name()), List.of()));
  }

  /**
   * Runs a new run under a chosen id, or continues an earlier one ({@link Continuation#resumed()}):
   * its journal gets {@code run-resumed} instead of {@code run-started} and its finished steps are
   * restored instead of run.
   */
  public RunResult run(Playbook playbook, RunOptions options, Continuation continuation) throws UsageException, IOException {
    List<String> problems = new ArrayList<>();
    Map<String, Object> params = Map.of();
    try {
      params = ParamBinder.bind(playbook, options.params());
    } catch (UsageException e) {
      problems.addAll(e.problems());
    }
    problems.addAll(optionProblems(playbook, options));
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    Masker masker = new Masker(secrets(playbook, params));
    masker.activate();
    console.useMasker(masker);

    String runId = continuation.runId();
    RunDirectory dir;
    try {
      if (continuation.resumed()) {
        dir = RunDirectory.open(options.stateDir(), runId);
        dir.checkWritable(options.stateDir());
      } else {
        dir = RunDirectory.create(options.stateDir(), runId);
      }
    } catch (UnsafeDirectoryException e) {
      throw new RunDirectoryException(e.getMessage() + "; nothing was run", e);
    } catch (IOException e) {
      throw new RunDirectoryException("cannot create the run directory under " + options.stateDir() + ": "
          + e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase()
          + " " + e.getMessage() + "; choose another with --state-dir DIR or RUNBOOK_STATE_DIR", e);
    }
    Map<String, Object> shownParams = shownParams(playbook, params);
    long start = System.nanoTime();
    RunEvents events = new RunEvents();
    events.add(new ConsoleDisplay(console));
    ControlChannel channel = null;
    try (RunLog log = RunLog.start(dir.log(), masker);
        Journal journal = Journal.open(dir.journal(), masker, clock)) {
      events.add(new EventLog(dir.events(), masker, clock));
      if (prompter instanceof TerminalPrompter asking) {
        // runbook attach answers through it (and after a hangup, only it can)
        channel = ControlChannel.open(dir.root(), asking);
      }
      LOG.info("run {} of {} started by {} on {}", runId, playbook.file(), options.user(), options.host());
      if (continuation.resumed()) {
        journal.append(continuation.resumedRecord(), true);
      } else {
        List<JournalRecord.Source> sources = copySources(playbook, dir, params);
        // per value, as in the journal: the names stay as they are whatever a short secret matches
        PrivateFiles.write(dir.params(), Json.write(masker.maskValues(shownParams)) + "\n");
        journal.append(new JournalRecord.RunStarted(null, runId, playbook.file(), playbook.name(),
            sources.isEmpty() ? null : sources.get(0).sha256(), sources, shownParams, options.user(), options.host(),
            EngineVersion.get(), options.dryRun(), options.simulated(), options.from()), true);
      }
      for (JournalRecord note : continuation.records()) {
        journal.append(note, true);
      }
      events.emit(new RunEvent.RunStarted(runId, playbook.title(), playbook.description(), dir.root().toString(), options.dryRun()));

      // the scope asks the step runner why a step has no result; the runner needs the scope
      StepRunner[] stepsHolder = new StepRunner[1];
      RunScope scope = new RunScope(expr, params, playbook.vars(), playbook.env(), options.environment(),
          playbook.allSteps().stream().map(Step::id).collect(Collectors.toSet()),
          id -> stepsHolder[0].whyNotRun(id), options.dryRun(), runId, dir.root());
      RunContext ctx = new RunContext(playbook, options, host, expr, scope, journal, events, masker, dir, prompter, interruption);
      StepRunner steps = new StepRunner(ctx, continuation);
      stepsHolder[0] = steps;

      RunResult.Outcome outcome;
      String message;
      try {
        Phases.mark("run directory");
        String missing = missingPrograms(playbook);
        if (missing != null) {
          outcome = RunResult.Outcome.ABORTED;
          message = missing;
        } else {
          String failed = steps.runAll(playbook.steps(), 0);
          outcome = failed == null ? RunResult.Outcome.SUCCEEDED : RunResult.Outcome.FAILED;
          // the step that failed, not the group around it
          String where = steps.stopped() != null ? steps.stopped().id() : failed;
          message = failed == null ? null : "step `" + where + "` failed";
        }
      } catch (RunStopped stop) {
        outcome = stop.status() == StepStatus.INTERRUPTED ? RunResult.Outcome.INTERRUPTED : RunResult.Outcome.ABORTED;
        message = stop.getMessage();
      } catch (JournalWriteException e) {
        throw e; // nothing more can be journaled: the run stops here (below)
      } catch (UncheckedIOException e) {
        outcome = RunResult.Outcome.FAILED;
        message = e.getMessage();
      } catch (RuntimeException e) {
        // a bug: the journal still says how the run ended, the log keeps the stack trace
        LOG.error("internal error", e);
        journal.append(new JournalRecord.RunEnded(null, RunResult.Outcome.FAILED.key(), "internal error: " + e, null, null), true);
        throw e;
      }
      if (outcome != RunResult.Outcome.INTERRUPTED && interruption.requested()) {
        outcome = RunResult.Outcome.INTERRUPTED;
        message = "interrupted";
      }
      Phases.mark("steps");
      long ms = (System.nanoTime() - start) / 1_000_000;
      // run-interrupted names the step that was running; run-finished none
      journal.append(new JournalRecord.RunEnded(null, outcome.key(), message, ms,
          outcome == RunResult.Outcome.INTERRUPTED ? steps.current() : null), true);
      RunResult result = new RunResult(runId, dir.root(), outcome, message, steps.records());
      Ending ending = ending(result, options, steps, dir);
      try {
        ReportWriter.write(dir, playbook, shownParams, result, options, ending, masker);
      } catch (IOException e) {
        throw new RunDirectoryException("cannot write the report " + dir.report() + ": " + DiskSpace.explain(dir.report(), e)
            + "; the run " + outcome.key() + " and its journal " + dir.journal() + " is complete", e);
      }
      Phases.mark("report");
      LOG.info("run {} {}{}", runId, outcome.key(), message == null ? "" : ": " + message);
      // the last screen is drawn from this event, on this terminal and by every attach
      events.emit(RunEvent.RunFinished.of(ending, message));
      return result;
    } catch (JournalWriteException e) {
      // the journal ends with its last whole record: `runs` shows the run as stopped, and it resumes
      throw new RunDirectoryException(e.getMessage() + "; the run stopped here. The journal is whole up to its last record: "
          + "make room, then `runbook resume " + runId + "`", e.getCause());
    } catch (RunDirectoryException e) {
      throw e;
    } catch (IOException e) {
      throw new RunDirectoryException("cannot write the run directory " + dir.root() + ": " + DiskSpace.explain(dir.journal(), e)
          + (continuation.resumed() ? "; make room, then `runbook resume " + runId + "`" : "; make room, then start the run again"), e);
    } finally {
      if (channel != null) {
        channel.close();
      }
      events.close();
    }
  }

  private Ending ending(RunResult result, RunOptions options, StepRunner steps, RunDirectory dir) {
    boolean ok = result.outcome() == RunResult.Outcome.SUCCEEDED;
    StepRecord at = steps.stoppedRecord();
    // a dry run changed nothing: there is no state to describe and nothing worth continuing
    boolean resumable = !ok && !options.dryRun();
    return new Ending(result.outcome(), outcomeLine(result, options, at != null), result.steps(), dir.report(),
        ok && !options.dryRun() ? steps.summaries() : List.of(), at,
        at == null ? Set.of() : steps.groupsAround(at.id()),
        steps.stoppedDoc(), options.dryRun() ? null : steps.stateAtStop(),
        resumable ? resumeCommand(result.runId()) : null);
  }

  private String resumeCommand(String runId) {
    List<String> words = new ArrayList<>(List.of("runbook", "resume", runId));
    words.addAll(resumeOptions);
    return words.stream().map(Runner::shellWord).collect(Collectors.joining(" "));
  }

  /** A word as a shell reads it back: quoted only when it needs to be. */
  private static String shellWord(String w) {
    return w.matches("[A-Za-z0-9_@%+=:,./-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
  }

  /** The outcome in one line; where a step stopped the run, the lines under it name the step and say why. */
  private static String outcomeLine(RunResult r, RunOptions options, boolean atStep) {
    String what = options.dryRun() ? "dry run " : "run ";
    String mark = options.simulated() ? " (simulated: nothing ran on this host)" : "";
    String why = atStep ? "" : ": " + r.message();
    switch (r.outcome()) {
      case SUCCEEDED: return what + "succeeded" + mark;
      case FAILED: return what + "failed" + mark + why;
      case ABORTED: return what + "aborted" + mark + why;
      default: return what + "interrupted" + mark;
    }
  }

  /** {@code --from}, {@code --approve} and {@code --step} must make sense for this playbook. */
  private List<String> optionProblems(Playbook playbook, RunOptions options) {
    List<String> problems = new ArrayList<>();
    Set<String> ids = playbook.allSteps().stream().map(Step::id).collect(Collectors.toSet());
    if (options.from() != null && !ids.contains(options.from())) {
      problems.add("--from: no step `" + options.from() + "` in " + playbook.file() + didYouMean(options.from(), ids));
    }
    Set<String> confirms = playbook.allSteps().stream().filter(s -> s instanceof ConfirmStep).map(Step::id).collect(Collectors.toSet());
    for (String id : options.approve()) {
      if (!confirms.contains(id)) {
        problems.add("--approve: no confirm step `" + id + "` in " + playbook.file() + didYouMean(id, confirms)
            + (confirms.isEmpty() ? " (it has no confirm steps)" : " (confirm steps: " + String.join(", ", new java.util.TreeSet<>(confirms)) + ")"));
      }
    }
    if (options.stepMode() && !prompter.interactive()) {
      problems.add("--step asks before each step and needs a terminal; run it on one, without --non-interactive");
    }
    return problems;
  }

  private String missingPrograms(Playbook playbook) {
    List<String> missing = new ArrayList<>();
    for (Ref r : playbook.requires()) {
      if (!host.hasProgram(r.id())) {
        missing.add(r.id());
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    String where = playbook.requires().get(0).span().toString();
    return "required programs not found on PATH: " + String.join(", ", missing)
        + " (requires at " + where + "); install them or run where they are";
  }

  private static List<String> secrets(Playbook playbook, Map<String, Object> params) {
    List<String> out = new ArrayList<>();
    for (Param p : playbook.params().values()) {
      if (p.secret() && params.get(p.name()) != null) {
        out.add(String.valueOf(params.get(p.name())));
      }
    }
    return out;
  }

  private static Map<String, Object> shownParams(Playbook playbook, Map<String, Object> params) {
    Map<String, Object> shown = new LinkedHashMap<>();
    params.forEach((k, v) -> shown.put(k, playbook.params().get(k).secret() ? Masker.MASK : v));
    return shown;
  }

  /**
   * Copies the playbook's files into the run directory, masked field by field ({@link PlaybookCopy}):
   * the run's secrets, and every secret param's default, which must not leak even when the run was
   * given another value. Returns each file's path and sha256 (of the original bytes, for {@code resume}).
   */
  private static List<JournalRecord.Source> copySources(Playbook playbook, RunDirectory dir, Map<String, Object> params) throws IOException {
    List<String> secrets = new ArrayList<>(secrets(playbook, params));
    playbook.params().values().stream().filter(p -> p.secret() && p.defaultValue() != null).forEach(p -> secrets.add(p.defaultValue()));
    Masker masker = new Masker(secrets);
    List<String> files = playbook.sources().isEmpty() ? List.of(playbook.file()) : playbook.sources();
    List<JournalRecord.Source> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = Path.of(files.get(i));
      byte[] bytes = runbook.files.InputFiles.read(file, SOURCE_LIMIT);
      Path copy = i == 0 ? dir.playbook() : dir.playbookBase(i, file.getFileName().toString());
      PrivateFiles.write(copy, PlaybookCopy.mask(new String(bytes, StandardCharsets.UTF_8), masker));
      out.add(new JournalRecord.Source(file.toAbsolutePath().normalize().toString(), sha256(bytes)));
    }
    return out;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** {@code "; did you mean `x`?"} when a known name is close, else nothing. */
  private static String didYouMean(String typed, Collection<String> known) {
    String hint = Suggestions.didYouMean(typed, known);
    return hint == null ? "" : "; " + hint;
  }
}
