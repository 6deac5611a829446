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
