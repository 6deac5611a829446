package runbook.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to execute: the body of a {@code run} step, or the inline {@code run} of a
 * {@code parse-table} or a probe. Exactly one of {@code line} and {@code args} is set.
 *
 * @param line string form: split into words by POSIX quoting rules, no shell; null for list form
 * @param args list form: one argument per element; null for string form
 * @param shell true: {@code line} goes to bash with every substituted value shell-quoted
 * @param stdin text fed to the command's standard input; null for none
 * @param env extra environment, on top of the playbook's
 * @param cwd working directory; null for the engine's
 * @param expectExit exit codes that count as success (default {@code [0]})
 * @param outputFile stdout is streamed into this file (through a new {@code .<name>.<random>.partial} beside it); null for none
 * @param captureBytes how much of stdout and stderr is kept in memory for expressions
 * @param secretsInArgv the secret params (or vars built from one) the author accepts in this command's
 *     arguments, where every local user can read them in the process list; empty for none, so that a
 *     run refuses any secret there
 * @param span the position of the {@code run} key's value
 */
public record Command(
    Template line,
    List<Template> args,
    boolean shell,
    Template stdin,
    Map<String, Template> env,
    Template cwd,
    List<Integer> expectExit,
    Template outputFile,
    long captureBytes,
    List<Ref> secretsInArgv,
    SourceSpan span) {

  /** The default {@code capture}: 8 MiB. */
  public static final long DEFAULT_CAPTURE = 8L * 1024 * 1024;

  public Command {
    if ((line == null) == (args == null)) {
      throw new IllegalArgumentException("a command has either a line or a list of arguments");
    }
    args = args == null ? null : List.copyOf(args);
    env = Map.copyOf(env);
    expectExit = List.copyOf(expectExit);
    secretsInArgv = List.copyOf(secretsInArgv);
    Objects.requireNonNull(span, "span");
  }
}
