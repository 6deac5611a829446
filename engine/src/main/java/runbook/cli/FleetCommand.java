package runbook.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.fleet.FleetJournal;
import runbook.fleet.Fleets;
import runbook.fleet.HostAgent;
import runbook.fleet.Rollout;
import runbook.fleet.Ssh;
import runbook.journal.RunId;
import runbook.journal.StateDirectory;
import runbook.model.Playbook;

/**
 * {@code runbook fleet}: a playbook over many hosts through ssh (runbook.fleet does the work; these
 * classes only turn options into a request and outcomes into exit codes).
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Run a playbook on many hosts over ssh: a plan per batch, one approval, canary batches and a fleet-wide failure limit.",
    subcommands = {FleetCommand.RunSub.class, FleetCommand.AttachSub.class, FleetCommand.ResumeSub.class,
        FleetCommand.ReportSub.class, FleetCommand.AgentSub.class})
final class FleetCommand implements Runnable {
  @ParentCommand private Main main;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
        "missing fleet command: runbook fleet run -i INVENTORY PLAYBOOK (or attach, resume, report)");
  }

  CliContext context() {
    return main.context();
  }

  /** The ssh options every fleet command shares. */
  static final class SshOptions {
    @Option(names = "--ssh-config", paramLabel = "FILE", description = "An ssh config file for every connection (ssh -F); default: the user's own.")
    Path config;

    @Option(names = "--ssh-option", paramLabel = "OPTION", description = "One more ssh option, as for ssh -o (repeatable).")
    List<String> options = new ArrayList<>();

    @Option(names = "--no-connection-sharing", description = "One ssh connection per call instead of one shared connection per host.")
    boolean noSharing;

    Ssh ssh() throws java.io.IOException {
      return new Ssh(config, noSharing ? null : Ssh.privateControlDir(), options);
    }
  }

  private static Path stateDir(CliContext cli, StateDirOption option) throws java.io.IOException {
    Path dir = option.resolve(new RunSession(cli));
    StateDirectory.prepare(dir);
    return dir;
  }

  private static Path fleetDir(CliContext cli, StateDirOption option, String fleetId) throws Exception {
    Path dir = FleetJournal.fleetsDir(stateDir(cli, option)).resolve(fleetId);
    if (!RunId.isValid(fleetId) || !Files.isRegularFile(dir.resolve("journal.jsonl"))) {
      throw new NoInputException("no rollout `" + fleetId + "` in " + dir.getParent() + "; its id was printed when it started");
    }
    return dir;
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Plan, approve and run a playbook on the hosts of an inventory.")
  static final class RunSub implements Callable<Integer> {
    @ParentCommand private FleetCommand fleet;

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "FILE",
        description = "The hosts: our YAML inventory, or an Ansible inventory (INI or YAML).")
    private Path inventory;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file, or the name of an installed playbook.")
    private Path playbook;

    @Option(names = "--limit", paramLabel = "HOSTS", description = "Only these hosts or groups (comma-separated).")
    private String limit;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a param on every host (repeatable; wins over the inventory).")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--params", paramLabel = "FILE", description = "A YAML file of params for every host.")
    private Path paramsFile;

    @Option(names = "--simulate", paramLabel = "DIR", description = "Rehearse: DIR/<host>.scenario.yaml answers every command on each host; nothing touches a disk.")
    private Path simulate;

    @Option(names = "--batches", paramLabel = "SIZES", description = "Canary ramp: the sizes of the batches, e.g. 1,5,25%% (the last repeats). Default: one batch.")
    private String batches;

    @Option(names = "--max-parallel", paramLabel = "N|N%", description = "At most this many hosts run at once. Default: a whole batch.")
    private String maxParallel;

    @Option(names = "--max-failures", paramLabel = "N|N%", description = "Failed hosts the whole fleet tolerates; one more and no host starts. Default 0.")
    private String maxFailures;

    @Option(names = "--max-unreachable", paramLabel = "N|N%", description = "Unreachable hosts the whole fleet tolerates; one more and no host starts. Default 0.")
    private String maxUnreachable;

    @Option(names = "--yes", description = "Approve every batch's plan without asking (for CI); never a step outside the plan.")
    private boolean yes;

    @Mixin private SshOptions sshOptions;

    @Mixin private StateDirOption stateDir;

    @Override
    public Integer call() throws Exception {
      CliContext cli = fleet.context();
      NoInputException.requireFile(inventory, "inventory");
      Path given = playbook;
      playbook = PlaybookNames.resolve(given, cli.env());
      NoInputException.requireFile(playbook, "playbook", PlaybookNames.notFoundHint(given, cli.env()));
      if (simulate != null && !Files.isDirectory(simulate)) {
        throw new NoInputException("--simulate " + simulate + " is no directory of <host>.scenario.yaml files");
      }
      Map<String, String> params = RunSession.params(paramsFile, sets);
      Playbook pb = runbook.lint.RunReadiness.load(playbook);
      String fleetId = RunId.create(Instant.now(), "fleet-" + pb.name());
      Fleets.Request request = new Fleets.Request(inventory, playbook, limit, params, simulate, batches, maxParallel, maxFailures, maxUnreachable, yes);
      Rollout.Settings settings = Fleets.prepare(request, pb, fleetId);
      try (FleetJournal journal = FleetJournal.create(stateDir(cli, stateDir), fleetId)) {
        journal.lock();
        journal.write("fleet-started", Fleets.startedRecord(request, settings));
        cli.out().println("fleet " + fleetId + ": " + settings.hosts().size() + (settings.hosts().size() == 1 ? " host, " : " hosts, ") + settings.rules().describe());
        cli.out().println("  watch it from elsewhere: runbook fleet attach " + fleetId + "; after a stop: runbook fleet resume " + fleetId);
        cli.out().flush();
        return new Rollout(settings, sshOptions.ssh(), journal, cli.out(), cli.in(), false).run();
      }
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Continue a rollout whose controller stopped: finished hosts stay finished, started ones are read from their journals.")
  static final class ResumeSub implements Callable<Integer> {
    @ParentCommand private FleetCommand fleet;

    @Parameters(index = "0", paramLabel = "FLEET_RUN", description = "The rollout's id.")
    private String fleetId;

    @Option(names = "--yes", description = "Approve every batch's plan without asking.")
    private boolean yes;

    @Mixin private SshOptions sshOptions;

    @Mixin private StateDirOption stateDir;

    @Override
    public Integer call() throws Exception {
      CliContext cli = fleet.context();
      Path dir = fleetDir(cli, stateDir, fleetId);
      Rollout.Settings settings = Fleets.restore(dir, yes);
      try (FleetJournal journal = FleetJournal.open(dir)) {
        if (!journal.lock()) {
          cli.err().println("error: another controller is running rollout " + fleetId + "; watch it with runbook fleet attach " + fleetId);
          return ExitCodes.LOCKED;
        }
        journal.write("fleet-resumed", Map.of("fleet", fleetId));
        cli.out().println("fleet " + fleetId + ": resumed");
        return new Rollout(settings, sshOptions.ssh(), journal, cli.out(), cli.in(), false).run();
      }
    }
  }

  @Command(name = "attach", mixinStandardHelpOptions = true,
      description = "Watch a rollout: each host's line, its run followed on the host; starts nothing, leaving stops nothing.")
  static final class AttachSub implements Callable<Integer> {
    @ParentCommand private FleetCommand fleet;

    @Parameters(index = "0", paramLabel = "FLEET_RUN", description = "The rollout's id.")
    private String fleetId;

    @Mixin private SshOptions sshOptions;

    @Mixin private StateDirOption stateDir;

    @Override
    public Integer call() throws Exception {
      CliContext cli = fleet.context();
      Path dir = fleetDir(cli, stateDir, fleetId);
      Rollout.Settings settings = Fleets.restore(dir, false);
      return new Rollout(settings, sshOptions.ssh(), null, cli.out(), java.io.InputStream.nullInputStream(), true).run();
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true, description = "Print a rollout's report (Markdown, or --json).")
  static final class ReportSub implements Callable<Integer> {
    @ParentCommand private FleetCommand fleet;

    @Parameters(index = "0", paramLabel = "FLEET_RUN", description = "The rollout's id.")
    private String fleetId;

    @Option(names = "--json", description = "The report as one JSON object.")
    private boolean json;

    @Mixin private StateDirOption stateDir;

    @Override
    public Integer call() throws Exception {
      CliContext cli = fleet.context();
      Path dir = fleetDir(cli, stateDir, fleetId);
      Path file = dir.resolve(json ? "report.json" : "report.md");
      if (!Files.isRegularFile(file)) {
        throw new NoInputException("rollout " + fleetId + " has no report yet (it is still going, or its controller stopped: runbook fleet resume " + fleetId + ")");
      }
      cli.out().print(Files.readString(file));
      return ExitCodes.OK;
    }
  }

  /** The host's side: what the controller runs on each host through ssh (one engine start per call). */
  @Command(name = "agent", hidden = true, description = "The host's side of runbook fleet: reads one request on stdin.")
  static final class AgentSub implements Callable<Integer> {
    @ParentCommand private FleetCommand fleet;

    @Override
    public Integer call() {
      CliContext cli = fleet.context();
      return HostAgent.serve(cli.in(), cli.out(), cli.env(),
          (args, out, err) -> Main.execute(args.toArray(String[]::new), new CliContext(out, err, java.io.InputStream.nullInputStream(), cli.env(), false)));
    }
  }

}
