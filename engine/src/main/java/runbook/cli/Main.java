package runbook.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import runbook.diag.DiagnosticFormatter;
import runbook.diag.InvalidInputException;
import runbook.exec.EngineVersion;
import runbook.exec.Masker;
import runbook.exec.UsageException;
import runbook.journal.StateDirectory;
import runbook.state.LockBusyException;
import runbook.state.ResumeException;
import runbook.state.StateDirectoryException;

/**
 * The {@code runbook} command: parses options, calls the engine, maps what happened to an exit
 * code. One class per subcommand; each is listed in {@link #SUBCOMMANDS}.
 */
@Command(
    name = "runbook",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Declarative runbooks: typed, checked, journaled playbooks for dangerous procedures.",
    footer = "%n`runbook help COMMAND` (or `runbook COMMAND --help`) shows a command's options.")
public final class Main implements Runnable {
  /**
   * Every subcommand by name, in the order {@code runbook --help} lists them. The names repeat each
   * class's {@code @Command(name)} (a test keeps them equal) so that choosing one reads no annotation.
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = byName(
      "run", RunCommand.class, "resume", ResumeCommand.class, "runs", RunsCommand.class, "show", ShowCommand.class,
      "test", TestCommand.class, "lint", LintCommand.class, "render", RenderCommand.class, "doc", DocCommand.class,
      "schema", SchemaCommand.class, "attach", AttachCommand.class, "stop", StopCommand.class,
      "fleet", FleetCommand.class);

  private final CliContext context;

  private Main(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "missing command: try `runbook run PLAYBOOK`, or `runbook --help`");
  }

  public static void main(String[] args) {
    runbook.exec.Phases.started();
    runbook.process.LocalHost.preferVfork();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = execute(args, new CliContext(out, err, System.in, System.getenv(), System.console() != null));
    out.flush();
    err.flush();
    runbook.exec.Phases.print(System.err);
    System.exit(code);
  }

  /**
   * Runs the command line as a black box: what {@code runbook ARGS} would print and return, with
   * these streams and this environment, and no terminal.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {
    return execute(args, new CliContext(out, err, in, env, false));
  }

  static int execute(String[] args, CliContext context) {
    Masker.deactivate();
    // `runbook help COMMAND` is picocli's help command; the command it names is checked here first,
    // so that a typo gets the same did-you-mean as a mistyped command
    String unknown = unknownCommand(args.length > 1 && args[0].equals("help") && !args[1].startsWith("-")
        ? new String[] {args[1]} : args);
    if (unknown == null && args.length > 2 && args[0].equals("help")) {
      // picocli's help command would show the first and drop the rest without a word
      unknown = "error: `runbook help` takes one command, e.g. `runbook help run`";
    }
    if (unknown != null) {
      context.err().println(unknown);
      context.err().flush();
      return ExitCodes.USAGE;
    }
    CommandLine cli = commandLine(new Main(context), args);
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setParameterExceptionHandler(
        (e, a) -> {
          context.err().println("error: " + e.getMessage());
          if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            context.err().println("did you mean: " + String.join(", ", u.getSuggestions()) + "?");
          }
          context.err().println("see `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help`");
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler((e, c, p) -> handle(e, context, verbose(args), stateDirOption(args)));
    if (runbook.exec.Phases.on()) {
      runbook.exec.Phases.mark("command model");
      cli.setExecutionStrategy(parsed -> {
        runbook.exec.Phases.mark("options");
        return new CommandLine.RunLast().execute(parsed);
      });
    }
    int code = cli.execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  /**
   * The command line with the subcommand {@code args} names, or with all of them when it names none
   * (help, a typo): picocli reads every option of every command it is given, and in a cold JVM that
   * costs more than linting a small playbook does.
   */
  private static CommandLine commandLine(Main main, String[] args) {
    Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    CommandLine cli = new CommandLine(main);
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return cli; // the version needs no subcommand: their options cost three times what printing it does
    }
    (named == null ? SUBCOMMANDS.values() : List.<Class<?>>of(named)).forEach(cli::addSubcommand);
    if (named == null) {
      // `runbook help COMMAND`: the same text as `runbook COMMAND --help`
      cli.addSubcommand("help", new CommandLine.HelpCommand());
    }
    return cli;
  }

  /**
   * The error for a first word that names no command, with or without {@code --help} after it
   * (picocli would print the general help for {@code runbook nosuch --help} and succeed); null
   * when the command line names a command or only options.
   */
  private static String unknownCommand(String[] args) {
    if (args.length == 0 || args[0].startsWith("-") || args[0].equals("help") || SUBCOMMANDS.containsKey(args[0])) {
      return null;
    }
    List<String> names = new java.util.ArrayList<>(SUBCOMMANDS.keySet());
    names.add("help");
    String hint = runbook.diag.Suggestions.didYouMean(args[0], names);
    return "error: unknown command `" + args[0] + "`" + (hint == null ? "" : "; " + hint)
        + "\nthe commands are: " + String.join(", ", names) + "; see `runbook --help`";
  }

  /** The whole command line, every subcommand and {@code help} included: what the manual pages and the completion describe. */
  static CommandLine fullCommandLine() {
    return commandLine(new Main(new CliContext(null, null, null, Map.of(), false)), new String[0]);
  }

  /** The subcommands' names as picocli reads them from their classes, for the test that keeps them equal. */
  static Map<String, Class<?>> subcommands() {
    return SUBCOMMANDS;
  }

  private static Map<String, Class<?>> byName(Object... nameThenClass) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (int i = 0; i < nameThenClass.length; i += 2) {
      byName.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
    }
    return Collections.unmodifiableMap(byName);
  }

  /** Every failure a command can end with, mapped to its exit code and an actionable message. */
  private static int handle(Exception e, CliContext context, boolean verbose, Path stateDir) {
    PrintWriter err = context.err();
    // a message can quote a value: the run's secrets stay masked here too
    Masker masker = Masker.active();
    if (e instanceof InvalidInputException invalid) {
      DiagnosticFormatter formatter = new DiagnosticFormatter();
      invalid.unquoted().forEach(file -> formatter.addSource(file, List.of()));
      err.print(formatter.format(invalid.diagnostics()));
      long errors = invalid.diagnostics().size();
      err.println(errors + (errors == 1 ? " problem" : " problems") + "; nothing was run");
      return ExitCodes.INVALID;
    }
    if (e instanceof UsageException usage) {
      usage.problems().forEach(p -> err.println(masker.mask("error: " + p)));
      return ExitCodes.USAGE;
    }
    if (e instanceof NoInputException) {
      err.println(masker.mask("error: " + e.getMessage()));
      return ExitCodes.NO_INPUT;
    }
    if (e instanceof LockBusyException) {
      err.println(masker.mask("error: " + e.getMessage()));
      return ExitCodes.LOCKED;
    }
    if (e instanceof StateDirectoryException) {
      err.println(masker.mask("error: " + e.getMessage()));
      return ExitCodes.FAILED;
    }
    if (e instanceof ResumeException refused) {
      err.println(masker.mask("error: " + e.getMessage()));
      return exitCode(refused.reason());
    }
    return internalError(e, context, verbose, stateDir);
  }

  /** A refused run's exit code, by why it was refused (the spec's table). */
  static int exitCode(ResumeException.Reason reason) {
    switch (reason) {
      case NOT_FOUND: return ExitCodes.NO_INPUT;
      case PLAYBOOK_CHANGED:
      case DAMAGED_JOURNAL: return ExitCodes.INVALID;
      case NOT_RESUMABLE: return ExitCodes.USAGE;
      default: return ExitCodes.ABORTED;
    }
  }

  /**
   * An internal error: its message and stack trace masked (a message may quote a secret's value),
   * on stderr and in {@code internal-errors.log}; exit 70.
   */
  static int internalError(Exception e, CliContext context, boolean verbose, Path stateDir) {
    Masker masker = Masker.active();
    String where = saveInternalError(e, context, stateDir, masker);
    context.err().println(masker.mask("internal error: " + e) + (where == null ? "" : "; details in " + where));
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      context.err().print(masker.mask(trace.toString()));
    }
    return ExitCodes.INTERNAL;
  }

  /** Keeps the stack trace of an internal error in the state directory; null when that fails too. */
  private static String saveInternalError(Exception e, CliContext context, Path stateDir, Masker masker) {
    try {
      Path dir = StateDirectory.resolve(stateDir, context.env(), System.getProperty("user.name"), Path.of(System.getProperty("user.home")));
      StateDirectory.prepare(dir);
      Path file = dir.resolve("internal-errors.log");
      StringWriter trace = new StringWriter();
      PrintWriter w = new PrintWriter(trace);
      w.println(Instant.now() + " runbook " + EngineVersion.get());
      e.printStackTrace(w);
      w.flush();
      try (java.nio.channels.FileChannel c = runbook.journal.PrivateFiles.append(file)) {
        runbook.journal.PrivateFiles.writeFully(c, masker.mask(trace.toString()).getBytes(StandardCharsets.UTF_8));
      }
      return file.toString();
    } catch (java.io.IOException | RuntimeException ignored) {
      return null;
    }
  }

  /**
   * The {@code --state-dir} the command was given, read from the raw arguments: an internal error can
   * happen before (or while) picocli has bound them, and its log belongs with the runs.
   */
  private static Path stateDirOption(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--state-dir") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--state-dir=")) {
        return Path.of(args[i].substring("--state-dir=".length()));
      }
    }
    return null;
  }

  private static boolean verbose(String[] args) {
    for (String a : args) {
      if (a.equals("-v") || a.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** {@code runbook --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"runbook " + EngineVersion.get()};
    }
  }
}
