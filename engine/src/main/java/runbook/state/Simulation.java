package runbook.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import runbook.exec.Continuation;
import runbook.exec.Runner;
import runbook.journal.RunDirectory;
import runbook.json.Json;
import runbook.json.JsonException;
import runbook.process.CommandOutcome;
import runbook.process.CommandRequest;
import runbook.process.Host;
import runbook.process.OutputListener;
import runbook.scenario.ScenarioHost;

/**
 * What a simulated run needs to be resumed: the scenario that answers its commands (a
 * {@code simulation} record in the journal, with the file's sha256) and the scenario's flags as
 * the answered commands left them ({@code scenario-flags.json} in the run directory, rewritten
 * after every command). A resume answers the remaining commands from the same scenario with those
 * flags set, as if the run had never stopped.
 */
public final class Simulation {
  private Simulation() {}

  /** The journal record that names the scenario of a new simulated run. */
  public static runbook.journal.JournalRecord.Simulation record(Path scenario) throws IOException {
    return new runbook.journal.JournalRecord.Simulation(null, scenario.toAbsolutePath().normalize().toString(),
        Runner.sha256(runbook.files.InputFiles.read(scenario, 64L * 1024 * 1024)));
  }

  public static Path flagsFile(Path stateDir, String runId) {
    return flagsFile(RunDirectory.open(stateDir, runId));
  }

  private static Path flagsFile(RunDirectory dir) {
    return dir.root().resolve("scenario-flags.json");
  }

  /** The scenario host, keeping its flags in {@code flagsFile} after every command it answers. */
  public static Host recording(ScenarioHost host, Path flagsFile) {
    return new Host() {
      @Override
      public CommandOutcome run(CommandRequest request, OutputListener listener) throws IOException, InterruptedException {
        try {
          return host.run(request, listener);
        } finally {
          save(flagsFile, host.flags());
        }
      }

      @Override
      public boolean hasProgram(String name) {
        return host.hasProgram(name);
      }
    };
  }

  /** A resumed simulated run's scenario file and flags. */
  record Resumed(Path scenario, Set<String> flags) {}

  /**
   * The scenario of a simulated run and its flags when it stopped.
   *
   * @throws ResumeException the journal does not name the scenario, the file is gone, or it
   *     changed since the run started (unless forced)
   */
  static Resumed forResume(RunHistory h, boolean force) throws ResumeException, IOException {
    runbook.journal.JournalRecord.Simulation record = h.first(runbook.journal.JournalRecord.Simulation.class);
    String path = record == null ? null : record.scenario();
    if (path == null) {
      throw new ResumeException(ResumeException.Reason.NOT_RESUMABLE,
          "run " + h.runId() + " was simulated, but its journal does not name the scenario; start the rehearsal again");
    }
    Path scenario = Path.of(path);
    String problem = runbook.files.InputFiles.problem(scenario);
    if (problem != null) {
      throw new ResumeException(ResumeException.Reason.NOT_FOUND, "the scenario of run " + h.runId() + " is gone: " + scenario + " " + problem);
    }
    String now = Runner.sha256(runbook.files.InputFiles.read(scenario, 64L * 1024 * 1024));
    if (!now.equals(record.sha256()) && !force) {
      throw new ResumeException(ResumeException.Reason.PLAYBOOK_CHANGED, "the scenario changed since run " + h.runId() + " started:\n  "
          + scenario + ": sha256 was " + record.sha256() + " when the run started, is now " + now
          + "\nstart a new rehearsal, or resume with --force if the change is safe");
    }
    return new Resumed(scenario, load(flagsFile(h.dir())));
  }

  private static Set<String> load(Path file) throws ResumeException, IOException {
    if (!Files.exists(file)) {
      return Set.of(); // no command was answered before the run stopped
    }
    try {
      Set<String> flags = new LinkedHashSet<>();
      if (Json.parse(runbook.files.InputFiles.readString(file, 1024 * 1024)) instanceof Map<?, ?> m && m.get("flags") instanceof List<?> l) {
        l.forEach(f -> flags.add(String.valueOf(f)));
      }
      return flags;
    } catch (JsonException e) {
      throw new ResumeException(ResumeException.Reason.DAMAGED_JOURNAL, file + ": " + e.getMessage());
    }
  }

  /** Written aside and renamed, so a run killed while writing leaves the previous flags whole. */
  private static void save(Path file, Set<String> flags) throws IOException {
    runbook.journal.PrivateFiles.replace(file, Json.write(Map.of("flags", List.copyOf(new TreeSet<>(flags)))) + "\n");
  }
}
