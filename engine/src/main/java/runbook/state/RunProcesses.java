package runbook.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import runbook.process.ProcStat;

/**
 * The processes of a run that are still alive: its engine may be gone (SIGKILL, out of memory)
 * while a command it started runs on in a session of its own. Every command's pid and start time
 * are journaled ({@code command-started}) when it starts; a process belongs to the run when it is
 * that command (same pid and start time: not a reused pid) or is in its session and started no
 * earlier (something the command started).
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
  public static List<Live> alive(List<Map<String, Object>> records) {
    List<Map<String, Object>> commands = new ArrayList<>();
    for (Map<String, Object> r : records) {
      if ("command-started".equals(r.get("type")) && r.get("pid") instanceof Long && r.get("start_ticks") instanceof Long t && t >= 0) {
        commands.add(r);
      }
    }
    if (commands.isEmpty()) {
      return List.of();
    }
    List<ProcStat> procs = ProcStat.all();
    List<Live> leaders = new ArrayList<>();
    List<Live> others = new ArrayList<>();
    for (Map<String, Object> c : commands) {
      long pid = (Long) c.get("pid");
      long ticks = (Long) c.get("start_ticks");
      String step = String.valueOf(c.get("step"));
      String command = String.valueOf(c.get("command"));
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
    return leaders;
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
