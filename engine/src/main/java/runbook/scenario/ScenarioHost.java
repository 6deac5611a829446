package runbook.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import runbook.process.Capture;
import runbook.process.CommandOutcome;
import runbook.process.CommandRequest;
import runbook.process.Host;
import runbook.process.OutputListener;

/**
 * A host made of a scenario's rules: every command, read-only or not, is answered by the first rule
 * that matches it while its {@code when} flags are set; nothing runs on the machine.
 *
 * <p>The line a rule sees is the command as run, its words joined by single spaces; for a shell step
 * ({@code bash ... -c <script>}) it is the script. The answer's output goes to the run directory's
 * logs as a real command's would. An {@code output-file} is not created: it would be a real file on
 * this machine (a dump under {@code /root}, say), and a rehearsal must not write outside its run
 * directory; the answer stays in the step's stdout log instead.
 */
public final class ScenarioHost implements Host {
  private static final List<String> SHELL_PREFIX = List.of("bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c");

  private final List<CommandRule> rules;
  private final Set<String> flags = new HashSet<>();
  private final List<String> commands = new ArrayList<>();

  public ScenarioHost(List<CommandRule> rules) {
    this(rules, Set.of());
  }

  /** A host whose flags are already set, e.g. by the commands a resumed run answered before it stopped. */
  public ScenarioHost(List<CommandRule> rules, Set<String> flags) {
    this.rules = List.copyOf(rules);
    this.flags.addAll(flags);
  }

  /** The line rules are matched against: the words joined by spaces, or a shell step's script. */
  public static String lineOf(List<String> argv) {
    if (argv.size() == SHELL_PREFIX.size() + 1 && argv.subList(0, SHELL_PREFIX.size()).equals(SHELL_PREFIX)) {
      return argv.get(SHELL_PREFIX.size());
    }
    return String.join(" ", argv);
  }

  @Override
  public synchronized CommandOutcome run(CommandRequest request, OutputListener listener) throws IOException {
    String line = lineOf(request.argv());
    commands.add(line);
    CommandRule rule = null;
    for (CommandRule r : rules) {
      if (r.answers(line, flags)) {
        rule = r;
        break;
      }
    }
    if (rule == null) {
      throw new IOException("the scenario has no answer for: " + line);
    }
    flags.addAll(rule.sets());
    flags.removeAll(rule.clears());
    write(request.stdoutLog(), request.logRedactor().redact(rule.stdout()));
    write(request.stderrLog(), request.logRedactor().redact(rule.stderr()));
    rule.stdout().lines().forEach(l -> listener.line(false, l));
    rule.stderr().lines().forEach(l -> listener.line(true, l));
    return new CommandOutcome(rule.exit(), capture(rule.stdout(), request.captureBytes()),
        capture(rule.stderr(), request.captureBytes()), false, Duration.ZERO,
        bytes(rule.stdout()), bytes(rule.stderr()));
  }

  @Override
  public synchronized boolean hasProgram(String name) {
    return rules.stream().anyMatch(r -> r.pattern().couldAnswer(name));
  }

  /** Every command line that was answered or refused, in order. */
  public synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  /** The flags set now. */
  public synchronized Set<String> flags() {
    return Set.copyOf(flags);
  }

  private static void write(Path log, String text) throws IOException {
    // the run's private directory: created 0600, a link in the log's place refused
    try (java.nio.channels.FileChannel c = runbook.journal.PrivateFiles.append(log)) {
      runbook.journal.PrivateFiles.writeFully(c, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Capture capture(String text, long limit) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    if (b.length <= limit) {
      return new Capture(text, false);
    }
    return new Capture(new String(b, 0, (int) limit, StandardCharsets.UTF_8), true);
  }

  private static long bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
