package runbook.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import runbook.exec.EngineVersion;

/**
 * The manual pages ({@code runbook(1)}, {@code runbook-COMMAND(1)}) and the bash completion, written
 * from the command definitions themselves, so that they cannot drift from the commands: the package
 * build runs {@code java -cp runbook.jar runbook.cli.Manuals DIR} and ships what it writes.
 */
public final class Manuals {
  private static final String SECTION = "1";

  private Manuals() {}

  /** Writes {@code DIR/man1/*.1} and {@code DIR/bash-completion/runbook}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java -cp runbook.jar runbook.cli.Manuals DIR");
      System.exit(ExitCodes.USAGE);
    }
    write(Path.of(args[0]));
  }

  /** Every file by its path relative to the output directory, with its content. */
  static Map<String, String> files() {
    CommandLine cli = Main.fullCommandLine();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("man1/runbook.1", mainPage(cli));
    for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
      if (!e.getKey().equals("help")) {
        pages(files, e.getValue());
      }
    }
    // sourced by bash-completion, never run: no #! line
    files.put("bash-completion/runbook", AutoComplete.bash("runbook", cli).replaceFirst("^#![^\n]*\n", ""));
    return files;
  }

  /** A command's page, and one for each of its own commands (runbook-fleet-run(1)) but the hidden ones. */
  private static void pages(Map<String, String> files, CommandLine cmd) {
    files.put("man1/" + cmd.getCommandSpec().qualifiedName("-") + ".1", commandPage(cmd));
    for (CommandLine sub : cmd.getSubcommands().values()) {
      if (!sub.getCommandSpec().usageMessage().hidden()) {
        pages(files, sub);
      }
    }
  }

  static void write(Path dir) throws IOException {
    for (Map.Entry<String, String> f : files().entrySet()) {
      Path file = dir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static String mainPage(CommandLine cli) {
    CommandSpec spec = cli.getCommandSpec();
    StringBuilder m = header("runbook", String.join(" ", spec.usageMessage().description()));
    m.append(".SH SYNOPSIS\n.B runbook\n.I COMMAND\n[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n.br\n.B runbook help\n.I COMMAND\n");
    m.append(".SH COMMANDS\n");
    for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      m.append(".TP\n.B ").append(esc(e.getKey())).append('\n');
      m.append(esc(firstLine(sub.usageMessage().description()))).append('\n');
      if (!e.getKey().equals("help")) {
        m.append("See \\fBrunbook\\-").append(esc(e.getKey())).append("\\fR(1).\n");
      }
    }
    options(m, spec);
    m.append(".SH PLAYBOOKS BY NAME\n")
        .append(esc("A PLAYBOOK (or, for lint and test, a PATH) that is a bare name, no file in the current directory, is looked up as NAME, "
            + "NAME.yaml or NAME.yml in the directories of RUNBOOK_PLAYBOOKS; `runbook test NAME` rehearses that playbook's scenarios. "
            + "The launcher sets RUNBOOK_PLAYBOOKS to the shipped playbooks unless it is set:"))
        .append("\n.PP\n.RS\n.B runbook run thin\\-pool\\-metadata\\-repair \\-\\-dry\\-run \\-\\-set vg=pve \\-\\-set pool=data\n.RE\n");
    m.append(".SH ENVIRONMENT\n");
    define(m, "RUNBOOK_STATE_DIR", "Where runs are kept when --state-dir is not given. Otherwise /var/lib/runbook for root, "
        + "$XDG_STATE_HOME/runbook (~/.local/state/runbook) for anyone else.");
    define(m, "RUNBOOK_PLAYBOOKS", "Colon-separated directories where a playbook given by name is looked up.");
    define(m, "NO_COLOR", "Plain text even on a terminal.");
    define(m, "JAVA_HOME", "The Java runtime (17 or later) the launcher uses; else java on PATH. A self-contained archive uses its own.");
    m.append(".SH EXIT STATUS\n");
    for (String[] code : EXIT_CODES) {
      define(m, code[0], code[1]);
    }
    m.append(".SH FILES\n");
    define(m, "/var/lib/runbook", "Runs of root: runs/RUN_ID/ (journal, every command's output, report.md) and locks/.");
    define(m, "/usr/share/runbook/playbooks", "The shipped playbooks and their rehearsal scenarios (installed package).");
    define(m, "/usr/share/doc/runbook", "Documentation and examples (installed package).");
    m.append(".SH SEE ALSO\n");
    List<String> refs = new ArrayList<>();
    for (String name : cli.getSubcommands().keySet()) {
      if (!name.equals("help")) {
        refs.add("\\fBrunbook\\-" + esc(name) + "\\fR(1)");
      }
    }
    m.append(String.join(",\n", refs)).append('\n');
    return m.toString();
  }

  private static final String[][] EXIT_CODES = {
    {"0", "Success (lint: no errors)."},
    {"1", "A step failed, lint found errors, a scenario test failed, or the state directory cannot be written."},
    {"3", "Aborted: a confirm declined or unanswered, a required state not reached, a required program missing."},
    {"64", "Usage error."},
    {"65", "The playbook, scenario, params file or journal is invalid; nothing was run."},
    {"66", "A file given does not exist, or show names an unknown run."},
    {"69", "The launcher found no Java 17 or later (or, in a source checkout, no Maven to build the engine)."},
    {"70", "Internal error; the details are in internal-errors.log in the state directory."},
    {"75", "Another run holds the lock."},
    {"130", "Interrupted (Ctrl-C, SIGTERM); the run can be resumed."},
  };

  private static String commandPage(CommandLine cmd) {
    CommandSpec spec = cmd.getCommandSpec();
    String name = spec.qualifiedName(" ");
    String[] description = spec.usageMessage().description();
    StringBuilder m = header(name.replace(' ', '-'), firstLine(description));
    Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
    m.append(".SH SYNOPSIS\n").append(".nf\n").append(esc(help.synopsis(0).strip())).append("\n.fi\n");
    m.append(".SH DESCRIPTION\n");
    for (String line : description) {
      m.append(esc(line)).append("\n.PP\n");
    }
    if (!spec.positionalParameters().isEmpty()) {
      m.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (!p.hidden()) {
          m.append(".TP\n.I ").append(esc(p.paramLabel())).append('\n').append(esc(text(p))).append('\n');
        }
      }
    }
    options(m, spec);
    List<String> seeAlso = new ArrayList<>(List.of("\\fBrunbook\\fR(1)"));
    boolean listed = false;
    for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      if (sub.usageMessage().hidden()) {
        continue;
      }
      if (!listed) {
        m.append(".SH COMMANDS\n");
        listed = true;
      }
      m.append(".TP\n.B ").append(esc(e.getKey())).append('\n').append(esc(firstLine(sub.usageMessage().description()))).append('\n');
      seeAlso.add("\\fB" + esc(sub.qualifiedName("-")) + "\\fR(1)");
    }
    m.append(".SH SEE ALSO\n").append(String.join(",\n", seeAlso)).append('\n');
    return m.toString();
  }

  private static void options(StringBuilder m, CommandSpec spec) {
    m.append(".SH OPTIONS\n");
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      m.append(".TP\n");
      List<String> names = new ArrayList<>();
      for (String n : o.names()) {
        names.add("\\fB" + esc(n) + "\\fR");
      }
      m.append(String.join(", ", names));
      if (o.typeInfo().isBoolean() && o.arity().max() == 0) {
        m.append('\n');
      } else {
        m.append(" \\fI").append(esc(o.paramLabel())).append("\\fR\n");
      }
      m.append(esc(text(o))).append('\n');
    }
  }

  /** An option's or argument's description as its help shows it, default value filled in. */
  private static String text(ArgSpec a) {
    String d = String.join(" ", a.description());
    String def = a.defaultValueString();
    return d.replace("${DEFAULT-VALUE}", def == null ? "" : def);
  }

  private static StringBuilder header(String page, String summary) {
    StringBuilder m = new StringBuilder();
    m.append(".\\\" Generated from the command definitions (runbook.cli.Manuals); do not edit.\n");
    m.append(".TH ").append(esc(page.toUpperCase(Locale.ROOT))).append(' ').append(SECTION)
        .append(" \"\" \"runbook ").append(esc(EngineVersion.get())).append("\" \"runbook manual\"\n");
    m.append(".SH NAME\n").append(esc(page)).append(" \\- ").append(esc(summary)).append('\n');
    return m;
  }

  private static void define(StringBuilder m, String term, String text) {
    m.append(".TP\n.B ").append(esc(term)).append('\n').append(esc(text)).append('\n');
  }

  private static String firstLine(String[] description) {
    return description.length == 0 ? "" : description[0];
  }

  /** Text for troff: backslashes and hyphens escaped, no line starting with a control character. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder();
    for (String line : s.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      String e = line.replace("\\", "\\e").replace("-", "\\-");
      if (e.startsWith(".") || e.startsWith("'")) {
        e = "\\&" + e;
      }
      out.append(e);
    }
    return out.toString();
  }
}
