package runbook.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /proc/<pid>/stat} read in place: the fields the engine needs, checked against real processes. */
class ProcStatTest {
  private static ProcStat parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return ProcStat.parse(7, b, b.length);
  }

  /** The text of the real stat line, split as the kernel documents it (proc(5)). */
  private static String[] fieldsAfterName(long pid) throws Exception {
    String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return text.substring(text.lastIndexOf(')') + 2).split(" ");
  }

  @Test
  void aNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    String rest = " 2 3 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 987654 0 0 18446744073709551615\n";
    ProcStat s = parse("7 (a) b (c) d) S 1" + rest);
    assertEquals('S', s.state());
    assertEquals(2, s.group());
    assertEquals(3, s.session());
    assertEquals(987654, s.startTicks());
  }

  @Test
  void aCutOrGarbledLineIsNoProcess() {
    assertNull(parse("7 (sh) S 1 2 3 4"));
    assertNull(parse("7 sh S 1 2 3"));
    assertNull(parse("7 (sh) S 1 x 3 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 987654 0"));
    assertNull(parse(""));
  }

  @Test
  void theEngineItselfIsReadAsTheKernelShowsIt() throws Exception {
    long self = ProcessHandle.current().pid();
    ProcStat s = ProcStat.of(self);
    assertNotNull(s);
    String[] f = fieldsAfterName(self);
    assertEquals(Long.parseLong(f[2]), s.group());
    assertEquals(Long.parseLong(f[3]), s.session());
    assertEquals(Long.parseLong(f[19]), s.startTicks());
    assertTrue(ProcStat.all().stream().anyMatch(p -> p.pid() == self));
  }

  @Test
  void aGroupIsFoundWhileAProcessOfItLivesAndNotAfter() throws Exception {
    // the leader ends at once; the background sleep stays in its group
    Process p = new ProcessBuilder("setsid", "sh", "-c", "sleep 30 >/dev/null 2>&1 </dev/null & echo $!")
        .redirectErrorStream(true).start();
    long group = p.pid();
    long sleeper = Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    try {
      assertTrue(ProcStat.anyInGroup(group), "the background job of the ended leader");
      assertEquals(group, ProcStat.of(sleeper).group());
    } finally {
      ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (int i = 0; i < 250 && ProcStat.anyInGroup(group); i++) {
      Thread.sleep(20);
    }
    assertFalse(ProcStat.anyInGroup(group));
    assertNull(ProcStat.of(sleeper));
  }

  @Test
  void theGroupOfAnEndedLeaderIsFoundAmongThePidsHandedOutSinceIt() throws Exception {
    long forks = ProcStat.forks();
    assertTrue(forks > 0, "the kernel's fork count in /proc/stat");
    Process p = new ProcessBuilder("setsid", "sh", "-c", "sleep 30 >/dev/null 2>&1 </dev/null & echo $!")
        .redirectErrorStream(true).start();
    long group = p.pid();
    long sleeper = Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    try {
      assertTrue(ProcStat.anyInGroupSince(group, forks), "the background job of the ended leader");
    } finally {
      ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (int i = 0; i < 250 && ProcStat.anyInGroupSince(group, forks); i++) {
      Thread.sleep(20);
    }
    assertFalse(ProcStat.anyInGroupSince(group, forks));
  }

  @Test
  void aProcessOfTheGroupStartedAfterManyOthersIsFoundToo() throws Exception {
    long forks = ProcStat.forks();
    // the leader ends at once; its background job starts the survivor half a second later, after
    // the pids of the processes started below
    Process p = new ProcessBuilder("setsid", "sh", "-c",
        "(sleep 0.5; exec sleep 30) >/dev/null 2>&1 </dev/null &").redirectErrorStream(true).start();
    long group = p.pid();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    for (int i = 0; i < 40; i++) {
      new ProcessBuilder("true").start().waitFor();
    }
    Thread.sleep(1500);
    long survivor = ProcStat.all().stream().filter(s -> s.group() == group).mapToLong(ProcStat::pid).max().orElse(-1);
    try {
      assertTrue(survivor > 0, "the late sleep runs in the group");
      assertTrue(ProcStat.anyInGroupSince(group, forks), "found past the 40 other processes' pids");
    } finally {
      ProcStat.all().stream().filter(s -> s.group() == group)
          .forEach(s -> ProcessHandle.of(s.pid()).ifPresent(ProcessHandle::destroyForcibly));
    }
  }
}
