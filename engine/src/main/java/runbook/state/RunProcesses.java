package runbook.state;

import runbook.journal.JournalRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import runbook.process.ProcStat;

/**
 * The processes of a run that are still alive: its engine may be gone (SIGKILL, out of memory)
 * while a command it started runs on in a session of its own. Every command's pid and start time
 * are journaled ({@code command-started}) when it starts; a process belongs to the run when it is
 * that command (same pid and start time: not a reused pid) or is in its session and started no
 * earlier (something the command started). Every command also carries the run's id in its
 * environment ({@code RUNBOOK_RUN}), which its children inherit: a process found by it belongs to
 * the run even when its pid never reached the journal (the engine died the instant after it
 * started the command).
 */
public final class RunProcesses {
  private RunProcesses() {}

  /**
   * One live process of a run.
   *
   * @param commandPid the pid journaled for the command it belongs to (its session)
   * @param command the command line as journaled (secrets masked)
   */
  public record Live(long pid, String step, long commandPid, String command, String commandLine) {
    /** {@code pid 123 (step `restore`: thin_restore -i ...)}. */
    public String describe() {
      String line = pid == commandPid ? command : commandLine + ", started by " + command;
      return "pid " + pid + " (step `" + step + "`: " + line + ")";
    }
  }

  /** The run's live processes, commands first; empty when none is left. */
  public static List<Live> alive(List<JournalRecord> records) {
    List<JournalRecord.CommandStarted> commands = new ArrayList<>();
    for (JournalRecord r : records) {
      if (r instanceof JournalRecord.CommandStarted c && c.pid() > 0 && c.startTicks() >= 0) {
        commands.add(c);
      }
    }
    List<ProcStat> procs = ProcStat.all();
    List<Live> leaders = new ArrayList<>();
    List<Live> others = new ArrayList<>();
    for (JournalRecord.CommandStarted c : commands) {
      long pid = c.pid();
      long ticks = c.startTicks();
      String step = String.valueOf(c.step());
      String command = String.valueOf(c.command());
      for (ProcStat p : procs) {
        if (p.pid() == pid && p.startTicks() == ticks) {
          leaders.add(new Live(pid, step, pid, command, command));
        } else if (p.pid() != pid && p.session() == pid && p.startTicks() >= ticks) {
          // the commands's own line is in the journal, masked; a child's is read from /proc only
          // to say what it is, and never journaled
          others.add(new Live(p.pid(), step, pid, command, firstWord(ProcStat.commandLine(p.pid()))));
        }
      }
    }
    leaders.addAll(others);
    // a command started an instant before the engine died has no command-started record, but its
    // processes carry the run's id in their environment
    String runId = !records.isEmpty() && records.get(0) instanceof JournalRecord.RunStarted s ? s.run() : null;
    JournalRecord.StepStarted unrecorded = unrecordedStart(records);
    if (runId != null && unrecorded != null) {
      String step = String.valueOf(unrecorded.step());
      // only what started with that step: a daemon an earlier command left behind (it inherited the
      // mark too, e.g. dmeventd) is not the command whose pid is missing
      long since = ProcStat.ticksAt(String.valueOf(unrecorded.time())) - 200;
      java.util.Set<Long> known = new java.util.HashSet<>();
      leaders.forEach(l -> known.add(l.pid()));
      long self = ProcessHandle.current().pid();
      for (ProcStat p : procs) {
        if (!known.contains(p.pid()) && p.pid() != self && p.startTicks() >= since && ProcStat.hasEnvironment(p.pid(), RUN_MARK, runId)) {
          String program = firstWord(ProcStat.commandLine(p.pid()));
          leaders.add(new Live(p.pid(), step, p.pid(), program, program));
        }
      }
    }
    return leaders;
  }

  /** {@code RUNBOOK_RUN}: set in every command's environment (runbook.exec.CommandRunner). */
  private static final String RUN_MARK = "RUNBOOK_RUN";

  /**
   * The journal's last {@code step-started} when no command of it was journaled and it did not
   * finish: the engine may have died between starting the command and journaling it. Null otherwise.
   */
  private static JournalRecord.StepStarted unrecordedStart(List<JournalRecord> records) {
    for (int i = records.size() - 1; i >= 0; i--) {
      JournalRecord r = records.get(i);
      if (r instanceof JournalRecord.CommandStarted || r instanceof JournalRecord.StepFinished || r instanceof JournalRecord.RunEnded) {
        return null;
      }
      if (r instanceof JournalRecord.StepStarted s) {
        return s;
      }
    }
    return null;
  }

  /** A child's program only: its arguments may hold a secret the playbook passed down. */
  private static String firstWord(String line) {
    int sp = line.indexOf(' ');
    return sp < 0 ? line : line.substring(0, sp);
  }

  /** The message that refuses to start anything while the run's processes live. */
  public static String refusal(String runId, List<Live> live) {
    StringBuilder b = new StringBuilder();
    b.append("run ").append(runId).append(" still has ").append(live.size() == 1 ? "a process" : live.size() + " processes")
        .append(" running, although its engine is gone:");
    for (Live l : live) {
      b.append("\n  ").append(l.describe());
    }
    b.append("\nstarting anything now could apply a change twice. Wait for ")
        .append(live.size() == 1 ? "it" : "them").append(" to end: runbook resume ").append(runId)
        .append(" --wait; or stop ").append(live.size() == 1 ? "it" : "them").append(": runbook stop ").append(runId);
    return b.toString();
  }
}
