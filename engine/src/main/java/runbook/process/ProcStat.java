package runbook.process;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /proc/<pid>/stat} says about a process: its session and its start time. A pid alone
 * names a process only while it lives; the start time (clock ticks since boot) tells a reused pid
 * apart, and the session tells which processes a command started ({@link LocalHost} runs every
 * command in a session of its own, whose id is the command's pid).
 *
 *
 * <p>The engine reads every process's {@code stat} after each command (to find what the command left
 * running), so the file is read into a reused buffer and parsed in place: reading it as a string and
 * splitting it cost several times more (about 6 ms against 2.5 ms for 185 processes in a fresh JVM).
 *
 * @param state the one-letter state ({@code R}, {@code S}, {@code Z} for a zombie...)
 * @param group the process group id
 */
public record ProcStat(long pid, char state, long group, long session, long startTicks) {
  /** {@code /proc/<pid>/stat} is one line of 52 numbers and a name of at most 64 bytes. */
  private static final int STAT_BYTES = 2048;

  /** The process, or null when there is none (or it is a zombie: it only waits to be reaped). */
  public static ProcStat of(long pid) {
    ProcStat s = read(pid, new byte[STAT_BYTES]);
    return s == null || !s.live() ? null : s;
  }

  /** Every live process of this machine. */
  public static List<ProcStat> all() {
    List<ProcStat> out = new ArrayList<>();
    String[] names = new File("/proc").list();
    if (names == null) {
      return out; // no /proc: nothing can be checked, and nothing is claimed
    }
    byte[] buffer = new byte[STAT_BYTES];
    for (String name : names) {
      long pid = pidOf(name);
      ProcStat s = pid < 0 ? null : read(pid, buffer);
      if (s != null && s.live()) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Whether a live process (not a zombie) is in process group {@code group}: one look at every
   * process of the machine, stopping at the first one found.
   *
   * @throws IOException when {@code /proc} cannot be listed
   */
  public static boolean anyInGroup(long group) throws IOException {
    String[] names = new File("/proc").list();
    if (names == null) {
      throw new IOException("cannot list /proc");
    }
    byte[] buffer = new byte[STAT_BYTES];
    for (String name : names) {
      long pid = pidOf(name);
      ProcStat s = pid < 0 ? null : read(pid, buffer);
      if (s != null && s.group == group && s.live()) {
        return true;
      }
    }
    return false;
  }

  /** The kernel's highest pid plus one: pids are handed out in increasing order and wrap here. */
  private static final long PID_MAX = readNumber("/proc/sys/kernel/pid_max", "");

  /** Pids under this are never handed out again after the counter wraps (the kernel's RESERVED_PIDS). */
  private static final long RESERVED_PIDS = 300;

  /** Up to this many pids handed out while a command ran are looked at one by one; more, and /proc is listed. */
  private static final long PROBE_LIMIT = 1024;

  /**
   * The kernel's count of the processes and threads created since boot ({@code processes} in
   * {@code /proc/stat}); -1 when it cannot be read. Taken before a command starts, it lets {@link
   * #anyInGroupSince} tell that the pid counter did not go round while the command ran.
   */
  public static long forks() {
    return readNumber("/proc/stat", "processes ");
  }

  /**
   * {@link #anyInGroup} for a group whose leader (pid {@code group}) has ended and was started when
   * the kernel had created {@code forksBefore} processes, without reading every process's {@code
   * stat}: only the pids handed out since the leader's.
   *
   * <p>Why that is enough: the group is the session {@code setsid} made in the leader, so every other
   * process of it descends from the leader and was created after it; the kernel hands pids out in
   * increasing order ({@code ns_last_pid} is the last one), wrapping at {@code pid_max} to {@value
   * #RESERVED_PIDS}. So while fewer than {@code pid_max - }{@value #RESERVED_PIDS} processes were
   * created (the fork counter says so, whatever the time taken), every process of the group has a pid
   * from the leader's to the last one, counted round the wrap. Otherwise, or when the kernel's
   * counters cannot be read, every process is looked at, as {@link #anyInGroup} does.
   *
   * <p>A process of the group that forks and ends while this looks can leave a child past the range
   * looked at: the last pid is read again after the look, and the new pids are looked at too.
   */
  public static boolean anyInGroupSince(long group, long forksBefore) throws IOException {
    long last = readNumber("/proc/sys/kernel/ns_last_pid", "");
    if (forksBefore < 0 || last < 0 || PID_MAX <= RESERVED_PIDS || group <= 0 || group >= PID_MAX) {
      return anyInGroup(group);
    }
    byte[] buffer = new byte[STAT_BYTES];
    long from = group;
    for (int round = 0; round < 8; round++) {
      long span = Math.floorMod(last - from, PID_MAX);
      if (span >= PROBE_LIMIT) {
        return anyInGroup(group);
      }
      for (long d = 0; d <= span; d++) {
        long pid = (from + d) % PID_MAX;
        ProcStat s = pid == 0 ? null : read(pid, buffer);
        if (s != null && s.group == group && s.live()) {
          return true;
        }
      }
      long now = readNumber("/proc/sys/kernel/ns_last_pid", "");
      long forksAfter = forks();
      if (now < 0 || forksAfter < 0 || forksAfter - forksBefore >= PID_MAX - RESERVED_PIDS) {
        return anyInGroup(group);
      }
      if (now == last) {
        return false;
      }
      from = (last + 1) % PID_MAX;
      last = now;
    }
    return anyInGroup(group); // a host creating processes faster than this looks: look at them all
  }

  /**
   * The number after {@code prefix} at the start of a line of a small {@code /proc} file (the first
   * line's with an empty prefix); -1 when the file or the line is not there.
   */
  private static long readNumber(String file, String prefix) {
    byte[] b;
    try (FileInputStream in = new FileInputStream(file)) {
      b = in.readNBytes(1 << 20); // /proc/stat of a host with many CPUs and interrupts is long
    } catch (IOException | SecurityException e) {
      return -1;
    }
    byte[] want = prefix.getBytes(StandardCharsets.US_ASCII);
    for (int line = 0; line < b.length; ) {
      if (java.util.Arrays.equals(b, line, Math.min(b.length, line + want.length), want, 0, want.length)) {
        long value = 0;
        int i = line + want.length;
        int start = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9' && i - start < 18) {
          value = value * 10 + (b[i] - '0');
          i++;
        }
        return i == start ? -1 : value;
      }
      while (line < b.length && b[line] != '\n') {
        line++;
      }
      line++;
    }
    return -1;
  }

  /** The process's start time in clock ticks since boot; -1 when it does not exist. */
  public static long startTicks(long pid) {
    ProcStat s = read(pid, new byte[STAT_BYTES]);
    return s == null ? -1 : s.startTicks;
  }

  private boolean live() {
    return state != 'Z' && state != 'X';
  }

  /**
   * A wall-clock time (ISO-8601) as a process start time: clock ticks since boot (at the usual
   * 100 a second); 0 when the boot time cannot be read.
   */
  public static long ticksAt(String isoTime) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("btime ")) {
          long boot = Long.parseLong(line.substring(6).strip());
          long millis = java.time.Instant.parse(isoTime).toEpochMilli();
          return Math.max(0, (millis - boot * 1000) / 10);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown: every start time counts
    }
    return 0;
  }

  /** Its command line, arguments separated by spaces; empty when it cannot be read. */
  public static String commandLine(long pid) {
    try {
      byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(b, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Whether the process's environment holds {@code name=value} (as it started; readable for our own
   * processes, or as root). False when it cannot be read.
   */
  public static boolean hasEnvironment(long pid, String name, String value) {
    byte[] env;
    try {
      env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
    byte[] want = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
    int start = 0;
    for (int i = 0; i <= env.length; i++) {
      if (i == env.length || env[i] == 0) {
        if (i - start == want.length && java.util.Arrays.equals(env, start, i, want, 0, want.length)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /** The pid a {@code /proc} entry names; -1 for the entries that are not processes. */
  private static long pidOf(String name) {
    long pid = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || i > 18) {
        return -1;
      }
      pid = pid * 10 + (c - '0');
    }
    return name.isEmpty() ? -1 : pid;
  }

  /** Null when the process is gone (or was while we looked). */
  private static ProcStat read(long pid, byte[] buffer) {
    int length = 0;
    try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
      for (int n; length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0; ) {
        length += n;
      }
    } catch (IOException e) {
      return null;
    }
    return parse(pid, buffer, length);
  }

  /**
   * "pid (comm) state ppid pgrp session ... starttime(22nd) ...": comm may hold spaces and ')', so
   * the fields are counted from the last ')'.
   */
  static ProcStat parse(long pid, byte[] b, int length) {
    int i = length - 1;
    while (i >= 0 && b[i] != ')') {
      i--;
    }
    i += 2; // ") "
    if (i < 2 || i >= length) {
      return null;
    }
    char state = (char) b[i];
    long group = -1;
    long session = -1;
    // field 3 is the state; fields 4.. are numbers (ppid, pgrp, session, ..., starttime is 22)
    int field = 3;
    i += 1;
    while (i < length && field < 22) {
      i++; // the space before the next field
      field++;
      long value = 0;
      boolean negative = i < length && b[i] == '-';
      if (negative) {
        i++;
      }
      int start = i;
      while (i < length && b[i] >= '0' && b[i] <= '9') {
        value = value * 10 + (b[i] - '0');
        i++;
      }
      if (i == start || (i < length && b[i] != ' ' && b[i] != '\n')) {
        return null;
      }
      value = negative ? -value : value;
      if (field == 5) {
        group = value;
      } else if (field == 6) {
        session = value;
      } else if (field == 22) {
        return new ProcStat(pid, state, group, session, value);
      }
    }
    return null;
  }
}
