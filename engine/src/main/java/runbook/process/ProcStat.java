package runbook.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
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
 * @param state the one-letter state ({@code R}, {@code S}, {@code Z} for a zombie...)
 */
public record ProcStat(long pid, char state, long session, long startTicks) {
  /** The process, or null when there is none (or it is a zombie: it only waits to be reaped). */
  public static ProcStat of(long pid) {
    ProcStat s = read(Path.of("/proc", Long.toString(pid), "stat"));
    return s == null || s.state == 'Z' || s.state == 'X' ? null : s;
  }

  /** Every live process of this machine. */
  public static List<ProcStat> all() {
    List<ProcStat> out = new ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        ProcStat s = read(p.resolve("stat"));
        if (s != null && s.state != 'Z' && s.state != 'X') {
          out.add(s);
        }
      }
    } catch (IOException e) {
      // no /proc: nothing can be checked, and nothing is claimed
    }
    return out;
  }

  /** The process's start time in clock ticks since boot; -1 when it does not exist. */
  public static long startTicks(long pid) {
    ProcStat s = read(Path.of("/proc", Long.toString(pid), "stat"));
    return s == null ? -1 : s.startTicks;
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

  private static ProcStat read(Path stat) {
    try {
      String text = Files.readString(stat, StandardCharsets.UTF_8);
      // "pid (comm) state ppid pgrp session ... starttime(22nd)": comm may hold spaces and ')'
      int close = text.lastIndexOf(')');
      long pid = Long.parseLong(text.substring(0, text.indexOf(' ')));
      String[] rest = text.substring(close + 2).split(" ");
      return new ProcStat(pid, rest[0].charAt(0), Long.parseLong(rest[3]), Long.parseLong(rest[19]));
    } catch (IOException | RuntimeException e) {
      return null; // gone while we looked
    }
  }
}
