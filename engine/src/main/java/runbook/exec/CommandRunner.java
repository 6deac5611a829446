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

/**
 * Builds and runs a {@link Command}: the body of a run step, and the inline {@code run} of a
 * parse-table or a probe. No shell unless {@code shell: true}; a template value always stays one
 * argument.
 */
final class CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
  static final List<String> SHELL = List.of("bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c");

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
      return new Built(argv, Map.of(), display(argv));
    }
    if (cmd.shell()) {
      ShellCommand shell = ctx.expr.expandShell(cmd.line(), scope);
      List<String> argv = new ArrayList<>(SHELL);
      argv.add(shell.script());
      return new Built(argv, shell.values(), shell.shown());
    }
    List<String> argv = ctx.expr.expandWords(cmd.line(), scope);
    return new Built(argv, Map.of(), display(argv));
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
    Path cwd = cmd.cwd() == null ? null : Path.of(ctx.expr.expand(cmd.cwd(), scope));
    String stdin = cmd.stdin() == null ? null : ctx.expr.expand(cmd.stdin(), scope);
    Path outputFile = cmd.outputFile() == null ? null : Path.of(ctx.expr.expand(cmd.outputFile(), scope));
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
    LOG.info("step {}: running {}", stepId, ctx.masker.mask(shown));
    ctx.console.command(shown);
    CommandOutcome outcome;
    try {
      outcome = ctx.host.run(request, (stderr, line) -> ctx.console.outputLine(stderr, line));
    } catch (IOException e) {
      LOG.info("step {}: cannot run: {}", stepId, e.getMessage());
      return new StepResult(StepStatus.FAILED, Map.of(), Map.of(),
          "cannot run `" + argv.get(0) + "`: " + e.getMessage(), shown, null, 0, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunStopped(StepStatus.INTERRUPTED, "interrupted");
    }
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
    if (outputFile != null && status == StepStatus.OK) {
      values.put("output_file", outputFile.toString());
    }
    return new StepResult(status, values, unavailable, message, shown, o.exitCode(), o.stdoutBytes(), o.stderrBytes());
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
