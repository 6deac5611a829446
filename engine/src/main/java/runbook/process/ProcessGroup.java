package runbook.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A command started through {@code setsid}: the JVM's child is never a group leader, so {@code
 * setsid} makes a new session in place and execs the program, and the process id is the group id.
 * Signals go to the whole group, so children and grandchildren go with it.
 */
final class ProcessGroup {
  private static final long POLL_MILLIS = 20;

  private final Process leader;
  private final Path killProgram;
  private volatile boolean stoppedByHost;

  ProcessGroup(Process leader, Path killProgram) {
    this.leader = leader;
    this.killProgram = killProgram;
  }

  long id() {
    return leader.pid();
  }

  Process leader() {
    return leader;
  }

  /** Whether {@link LocalHost#terminateAll()} killed it, as opposed to its timeout. */
  boolean stoppedByHost() {
    return stoppedByHost;
  }

  void markStoppedByHost() {
    stoppedByHost = true;
  }

  /** Kills the group: SIGTERM, then SIGKILL for whatever is left after {@code grace}. */
  void terminate(Duration grace) {
    terminate(List.of(this), grace);
  }

  /**
   * Sends SIGTERM to every group, waits until all are gone or {@code grace} has passed, then sends
   * SIGKILL to what is left. Waits for each leader to end. An interrupt shortens the grace but the
   * kill still happens; the interrupt status is kept.
   */
  static void terminate(Collection<ProcessGroup> groups, Duration grace) {
    for (ProcessGroup g : groups) {
      g.signal("TERM");
    }
    boolean interrupted = false;
    long deadline = System.nanoTime() + grace.toNanos();
    List<ProcessGroup> left = new ArrayList<>(groups);
    while (!left.isEmpty() && System.nanoTime() < deadline && !interrupted) {
      left.removeIf(g -> !g.alive());
      if (!left.isEmpty()) {
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    left.removeIf(g -> !g.alive());
    for (ProcessGroup g : left) {
      g.signal("KILL");
    }
    for (ProcessGroup g : groups) {
      try {
        g.leader.waitFor();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether any process of the group is still running (zombies only wait to be reaped). */
  boolean alive() {
    try {
      return ProcStat.anyInGroup(id());
    } catch (IOException e) {
      return leader.isAlive();
    }
  }

  /**
   * {@link #alive} once the leader has ended, looking only at the processes created since it started
   * ({@link ProcStat#anyInGroupSince}): after every command, where looking at every process of the
   * host cost more than the rest of the step.
   *
   * @param forksBefore {@link ProcStat#forks()} before the leader was started
   */
  boolean aliveAfterLeader(long forksBefore) {
    try {
      return ProcStat.anyInGroupSince(id(), forksBefore);
    } catch (IOException e) {
      return leader.isAlive();
    }
  }

  private void signal(String name) {
    boolean delivered = false;
    try {
      Process kill = new ProcessBuilder(killProgram.toString(), "-s", name, "--", "-" + id())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      delivered = waitUninterruptibly(kill) == 0;
    } catch (IOException e) {
      delivered = false;
    }
    if (!delivered) {
      // the group does not exist yet when setsid has not run: the leader alone is all there is
      if (name.equals("KILL")) {
        leader.destroyForcibly();
      } else {
        leader.destroy();
      }
    }
  }

  private static int waitUninterruptibly(Process p) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return p.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
