package runbook.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import runbook.expr.EvalException;
import runbook.expr.Scope;
import runbook.expr.ShellCommand;
import runbook.model.Command;
import runbook.model.Template;
import runbook.model.TimeSpan;
import runbook.process.CommandOutcome;
import runbook.process.CommandRequest;
import runbook.process.OutputListener;
import runbook.process.ProcStat;

/**
 * Builds and runs a {@link Command}: the body of a run step, and the inline {@code run} of a
 * parse-table or a probe. No shell unless {@code shell: true}; a template value always stays one
 * argument.
 */
final class CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
  static final List<String> SHELL = List.of("bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c");

  /** The environment variable that names the run in each of its commands' processes. */
  public static final String RUN_MARK = "RUNBOOK_RUN";

  private final RunContext ctx;

  CommandRunner(RunContext ctx) {
    this.ctx = ctx;
  }

  /**
   * A command ready to start: its argv, the environment it adds (a shell step's values), and the
   * line shown to the operator (masked by whoever prints it).
   */
  record Built(List<String> argv, Map<String, String> values, String shown) {}

  /** The argv, templates expanded in the given scope. */
  Built build(Command cmd, Scope scope) throws EvalException {
    if (cmd.args() != null) {
      List<String> argv = new ArrayList<>();
      for (Template t : cmd.args()) {
        argv.add(ctx.expr.expand(t, scope));
      }
      return new Built(argv, Map.of(), shown(display(argv)));
    }
    if (cmd.shell()) {
      ShellCommand shell = ctx.expr.expandShell(cmd.line(), scope);
      List<String> argv = new ArrayList<>(SHELL);
      argv.add(shell.script());
      return new Built(argv, shell.values(), shown(shell.shown()));
    }
    List<String> argv = ctx.expr.expandWords(cmd.line(), scope);
    return new Built(argv, Map.of(), shown(display(argv)));
  }

  /**
   * The command line as the screen, journal, events and report show it: masked, then cut like a
   * journal's display field (a megabyte value is not written out again and again; masking first
   * leaves no start of a cut secret behind).
   */
  private String shown(String line) {
    return runbook.journal.Journal.shorten(ctx.masker.mask(line));
  }

  /** The words as a shell would read them back. */
  static String display(List<String> argv) {
    StringBuilder b = new StringBuilder();
    for (String a : argv) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(a.matches("[A-Za-z0-9_@%+=:,./-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return b.toString();
  }

  /**
   * Runs the command once.
   *
   * @param attempt 1 for the first run; later attempts keep their own output files
   */
  StepResult run(String stepId, Command cmd, TimeSpan timeout, int attempt, Scope scope) throws EvalException {
    Built built = build(cmd, scope);
    List<String> argv = built.argv();
    String shown = built.shown();
    Map<String, String> env = new LinkedHashMap<>(ctx.scope.environment());
    env.keySet().removeIf(ShellCommand::isValueName);
    for (Map.Entry<String, Template> e : cmd.env().entrySet()) {
      env.put(e.getKey(), ctx.expr.expand(e.getValue(), scope));
    }
    env.putAll(built.values());
    // every process of the run carries its id, inherited by whatever the command starts: a resume
    // finds them even when the engine died before it could journal the command's pid
    env.put(RUN_MARK, ctx.dir.runId());
    String cwdText = cmd.cwd() == null ? null : ctx.expr.expand(cmd.cwd(), scope);
    String stdin = cmd.stdin() == null ? null : ctx.expr.expand(cmd.stdin(), scope);
    String outputText = cmd.outputFile() == null ? null : ctx.expr.expand(cmd.outputFile(), scope);
    // no argument, variable or path the system takes can hold a NUL: a value that has one (a param
    // is checked before the first step; this is a var computed on the way) fails the step, unrun
    String nul = nul("argument", argv, null);
    for (Map.Entry<String, String> e : env.entrySet()) {
      nul = nul != null ? nul : nul("environment variable " + e.getKey(), List.of(e.getValue()), null);
    }
    nul = nul != null ? nul : nul("cwd", cwdText == null ? List.of() : List.of(cwdText), null);
    nul = nul != null ? nul : nul("output-file", outputText == null ? List.of() : List.of(outputText), null);
    if (nul == null && !cmd.shell() && cmd.secretsInArgv().isEmpty()) {
      nul = secretInArgv(argv);
    }
    if (nul != null) {
      LOG.info("step {}: not started: {}", stepId, nul);
      return new StepResult(StepStatus.FAILED, Map.of(), Map.of(), "not started: " + nul, shown, null, 0, 0);
    }
    Path cwd = cwdText == null ? null : Path.of(cwdText);
    Path outputFile = outputText == null ? null : Path.of(outputText);
    // an enclosing group's timeout cuts the step's own short, or keeps the command from starting
    GroupDeadlines.Limit limit = ctx.deadlines.limit(timeout);
    if (limit.expired()) {
      LOG.info("step {}: not started: {}", stepId, limit.reason());
      return new StepResult(StepStatus.FAILED, Map.of(), Map.of(), "not started: " + limit.reason(), shown, null, 0, 0);
    }
    CommandRequest request =
        new CommandRequest(argv, env, cwd, stdin, limit.duration(),
            ctx.dir.stdout(stepId, attempt), ctx.dir.stderr(stepId, attempt), outputFile,
            cmd.captureBytes(), cmd.expectExit(), ctx.masker.redactor());
    LOG.info("step {}: running {}", stepId, runbook.journal.Journal.shorten(ctx.masker.mask(shown)));
    ctx.events.command(shown);
    CommandOutcome outcome;
    long commandStarted = Phases.now();
    try {
      outcome = ctx.host.run(request, new OutputListener() {
        @Override
        public void line(boolean stderr, String line) {
          ctx.events.outputLine(stderr, line);
        }

        @Override
        public void started(long pid) {
          // who runs the command, so that a resume after the engine died can see it still running
          ctx.journal.append(new runbook.journal.JournalRecord.CommandStarted(null, stepId, attempt, pid,
              ProcStat.startTicks(pid), shown), false);
        }
      });
    } catch (IOException e) {
      LOG.info("step {}: cannot run: {}", stepId, e.getMessage());
      String why = String.valueOf(e.getMessage());
      if (why.contains("error=7,")) {
        // E2BIG: the kernel takes no argument or environment variable over 128 KiB
        why += " (an argument or environment variable is longer than the kernel takes, 128 KiB each:"
            + " pass a large value on `stdin:` or in a file)";
      }
      return new StepResult(StepStatus.FAILED, Map.of(), Map.of(),
          "cannot run `" + argv.get(0) + "`: " + why, shown, null, 0, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunStopped(StepStatus.INTERRUPTED, "interrupted");
    }
    Phases.add("commands", commandStarted);
    LOG.info("step {}: exit {} after {} ms{}", stepId, outcome.exitCode(), outcome.duration().toMillis(), outcome.timedOut() ? " (timed out)" : "");
    return result(stepId, cmd, limit, shown, outcome, outputFile);
  }

  private StepResult result(String stepId, Command cmd, GroupDeadlines.Limit limit, String shown, CommandOutcome o, Path outputFile) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("exit", o.exitCode());
    values.put("stdout", o.stdout().text());
    values.put("stderr", o.stderr().text());
    values.put("lines", o.stdout().text().lines().toList());
    // with output-file, stdout went to the file and was never meant to be kept: that is no truncation
    boolean stdoutInFile = outputFile != null;
    values.put("truncated", !stdoutInFile && o.stdout().truncated() || o.stderr().truncated());
    values.put("duration", o.duration().toMillis());
    Map<String, String> unavailable = new LinkedHashMap<>();
    if (stdoutInFile) {
      String why = "step `" + stepId + "` sent its stdout to " + outputFile + " (output-file); read that file instead";
      unavailable.put("stdout", why);
      unavailable.put("lines", why);
    } else if (o.stdout().truncated()) {
      String why = truncated(stepId, cmd.captureBytes());
      unavailable.put("stdout", why);
      unavailable.put("lines", why);
    }
    if (o.stderr().truncated()) {
      unavailable.put("stderr", truncated(stepId, cmd.captureBytes()).replace("output", "stderr"));
    }
    StepStatus status = StepStatus.OK;
    String message = null;
    if (o.timedOut()) {
      status = StepStatus.FAILED;
      message = limit.reason() + "; the command's process group was killed";
    } else if (!cmd.expectExit().contains(o.exitCode())) {
      status = StepStatus.FAILED;
      message = "`" + firstWord(shown) + "` exited with " + o.exitCode() + ", expected "
          + (cmd.expectExit().size() == 1 ? cmd.expectExit().get(0) : "one of " + cmd.expectExit())
          + tail(o.stderr().text());
    }
    if (o.partialFile() != null && message != null) {
      message += "; what it wrote so far is in " + o.partialFile() + " (not renamed to " + outputFile + ")";
    }
    if (outputFile != null && status == StepStatus.OK) {
      values.put("output_file", outputFile.toString());
    }
    return new StepResult(status, values, unavailable, message, shown, o.exitCode(), o.stdoutBytes(), o.stderrBytes());
  }

  /**
   * Why the arguments must not reach the process list: one holds a secret's value. Lint's
   * {@code secret-in-argv} refuses every secret the playbook names there before the first step; this
   * catches a value that got there another way (a command's output that echoed it), unless the
   * command accepts secrets in its arguments.
   */
  private String secretInArgv(List<String> argv) {
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (!ctx.masker.mask(a).equals(a)) {
        return "word " + (i + 1) + " of the command holds the value of a secret param, which every local user"
            + " would read in the process list; pass it through `stdin:` or `env:`, or accept it with"
            + " `accept-secret-in-argv`";
      }
    }
    return null;
  }

  /** Why one of {@code values} cannot reach the system (it holds a NUL), or {@code prior}. */
  private static String nul(String what, List<String> values, String prior) {
    for (String v : values) {
      int at = v.indexOf('\0');
      if (at >= 0) {
        return "the " + what + " holds a NUL character (at offset " + at + "); no command argument, "
            + "environment variable or path can hold one";
      }
    }
    return prior;
  }

  static String truncated(String stepId, long capture) {
    return "step `" + stepId + "` output was truncated at " + capture(capture)
        + "; raise `capture` or use `output-file`";
  }

  /** {@code 8MiB}, {@code 64KiB}, {@code 100 bytes}: how capture limits are written. */
  static String capture(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + "MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + "KiB";
    }
    return bytes + " bytes";
  }

  private static String firstWord(String shown) {
    int sp = shown.indexOf(' ');
    return sp < 0 ? shown : shown.substring(0, sp);
  }

  /** The last lines of stderr, so the failure explains itself. */
  private static String tail(String stderr) {
    List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      return "";
    }
    List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
    return "\nstderr:\n  " + String.join("\n  ", last);
  }
}
