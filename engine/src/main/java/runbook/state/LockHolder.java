package runbook.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import runbook.json.Json;
import runbook.json.JsonException;

/**
 * Who holds a lock, as written in the lock file: enough to name the holder to a second operator
 * and to tell later whether that process is still the one that took it.
 *
 * @param started when the holder took the lock (ISO-8601, UTC)
 * @param startTicks the holder's process start time from {@code /proc/<pid>/stat} (clock ticks
 *     since boot); a live pid with another start time is a reused pid. -1 when unknown
 */
public record LockHolder(long pid, String user, String host, String started, String run, long startTicks) {
  /** This process, about to run {@code run}. */
  public static LockHolder self(String user, String host, String started, String run) {
    long pid = ProcessHandle.current().pid();
    return new LockHolder(pid, user, host, started, run, startTicks(pid));
  }

  /** {@code run 2026...-x-1a2b (pid 123, user ann, host pve1, started 2026-11-25T16:30:00Z)}. */
  public String describe() {
    return "run " + run + " (pid " + pid + ", user " + user + ", host " + host + ", started " + started + ")";
  }

  /**
   * Why this holder's process is gone (not alive, or its pid now belongs to a process with another
   * start time); null when it is alive. Meaningful on the holder's own host only.
   */
  String gone() {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return "process " + pid + " is gone";
    }
    long ticks = startTicks(pid);
    if (startTicks >= 0 && ticks >= 0 && ticks != startTicks) {
      return "pid " + pid + " now belongs to another process (its start time differs)";
    }
    return null;
  }

  /** The lock file's text: the journal's fields and the start time that tells a reused pid apart. */
  String toJson() {
    Map<String, Object> m = fields();
    m.put("start_ticks", startTicks);
    return Json.write(m);
  }

  /** The fields for a journal record. */
  Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pid", pid);
    m.put("user", user);
    m.put("host", host);
    m.put("started", started);
    m.put("run", run);
    return m;
  }

  /** The holder in a lock file's text; null when it is empty or not a holder (a half-written file). */
  static LockHolder parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      if (!(Json.parse(text.strip()) instanceof Map<?, ?> m) || !(m.get("pid") instanceof Long pid)) {
        return null;
      }
      return new LockHolder(pid, string(m.get("user")), string(m.get("host")), string(m.get("started")), string(m.get("run")),
          m.get("start_ticks") instanceof Long t ? t : -1);
    } catch (JsonException e) {
      return null;
    }
  }

  private static String string(Object o) {
    return o == null ? "unknown" : o.toString();
  }

  /**
   * Field 22 of {@code /proc/<pid>/stat}, the process's start time; -1 when the process does not
   * exist. The command name (field 2) may hold spaces and parentheses, so fields are counted from
   * its closing parenthesis.
   */
  static long startTicks(long pid) {
    return runbook.process.ProcStat.startTicks(pid);
  }
}
