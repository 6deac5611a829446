package runbook.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import runbook.journal.JournalException;
import runbook.journal.JournalReader;
import runbook.journal.RunDirectory;
import runbook.journal.RunId;
import java.util.Map;
import runbook.journal.PrivateFiles;
import runbook.journal.StateDirectory;

/**
 * One run at a time per state directory and playbook name: {@code <state>/locks/<name>.lock}.
 *
 * <p>The holder keeps an OS lock ({@link FileChannel#tryLock}) on the file for as long as it runs
 * and writes itself into it. The kernel drops that lock when the process dies, however it dies
 * (SIGKILL, a crash), so a free lock over a file that still names a holder is a run that died:
 * it is taken over, once the named process is known to be gone (same host, and the pid is not
 * alive or now belongs to a process with another start time). The file is emptied, never deleted,
 * on release: deleting it would let two runs lock two different files of the same name.
 */
public final class RunLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final LockHolder previous;
  private final String takeoverReason;

  private RunLock(Path file, FileChannel channel, FileLock lock, LockHolder previous, String takeoverReason) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.previous = previous;
    this.takeoverReason = takeoverReason;
  }

  public static Path file(Path stateDir, String playbookName) {
    return stateDir.resolve("locks").resolve(playbookName + ".lock");
  }

  /**
   * Takes the lock for {@code me}.
   *
   * @throws LockBusyException another live run holds it; the message names it
   * @throws StateDirectoryException the state directory cannot be written
   */
  public static RunLock acquire(Path stateDir, String playbookName, LockHolder me) throws LockBusyException, StateDirectoryException {
    Path file = file(stateDir, playbookName);
    FileChannel channel;
    try {
      StateDirectory.prepare(stateDir);
      PrivateFiles.ownDirectory(file.getParent());
      channel = PrivateFiles.openLockFile(file);
    } catch (IOException e) {
      throw StateDirectoryException.of(stateDir, e);
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this very process holds it (two runs in one engine)
      }
      LockHolder holder = LockHolder.parse(read(channel));
      if (lock == null) {
        channel.close();
        throw new LockBusyException("another run of `" + playbookName + "` holds the lock " + file + ": "
            + (holder == null ? "it is starting right now" : holder.describe())
            + "; wait for it to end (runbook runs shows it), then try again");
      }
      String reason = null;
      if (holder != null) {
        reason = staleReason(holder, me.host());
        if (reason == null) {
          lock.release();
          channel.close();
          throw new LockBusyException(alive(file, playbookName, holder, me.host()));
        }
        // the engine is gone, but a command it started may not be: the lock is not free until it ends
        List<RunProcesses.Live> live = processesOf(stateDir, holder.run());
        if (!live.isEmpty()) {
          lock.release();
          channel.close();
          throw new LockBusyException(RunProcesses.refusal(holder.run(), live));
        }
      }
      byte[] content = (me.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(content), 0);
      channel.force(true);
      return new RunLock(file, channel, lock, holder, reason);
    } catch (IOException e) {
      closeQuietly(channel);
      throw StateDirectoryException.of(stateDir, e);
    }
  }

  /** The live processes of a run, read from its journal; none when it cannot be read. */
  static List<RunProcesses.Live> processesOf(Path stateDir, String runId) {
    if (runId == null || !RunId.isValid(runId)) {
      return List.of();
    }
    try {
      return RunProcesses.alive(JournalReader.read(RunDirectory.open(stateDir, runId).journal()).typed());
    } catch (IOException | JournalException | RuntimeException e) {
      return List.of();
    }
  }

  /** The holder this lock was taken over from; null when the lock was free. */
  public LockHolder previous() {
    return previous;
  }

  /** The {@code lock-taken-over} journal record's fields; null when nothing was taken over. */
  public runbook.journal.JournalRecord.LockTakenOver takeoverRecord() {
    return previous == null ? null
        : new runbook.journal.JournalRecord.LockTakenOver(null, file.toString(), previous.fields(), takeoverReason);
  }

  /** One line for the operator: whose lock was taken over and why. */
  public String takeoverMessage() {
    return previous == null ? null
        : "took over the lock " + file + " from " + previous.describe() + ": " + takeoverReason;
  }

  /** The holder named in a lock file, for {@code runbook runs}; null when none. */
  static LockHolder holder(Path stateDir, String playbookName) {
    try {
      return LockHolder.parse(runbook.files.InputFiles.readString(file(stateDir, playbookName), 64 * 1024));
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    // an interrupted run ends with its thread's interrupt flag set, which would close the channel
    // at its first operation before the file is emptied
    boolean interrupted = Thread.interrupted();
    try {
      channel.truncate(0);
      channel.force(true);
      lock.release();
    } finally {
      channel.close();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Why the holder is gone, or null when it may be alive (or cannot be checked from here). */
  private static String staleReason(LockHolder h, String host) {
    return h.host().equals(host) ? h.gone() : null;
  }

  private static String alive(Path file, String name, LockHolder h, String host) {
    if (!h.host().equals(host)) {
      return "the lock " + file + " of `" + name + "` was taken on another host: " + h.describe()
          + "; this host cannot tell whether that run is alive. If it is not, delete the lock file and try again";
    }
    return "another run of `" + name + "` holds the lock " + file + ": " + h.describe()
        + "; wait for it to end, then try again";
  }

  private static String read(FileChannel channel) throws IOException {
    long size = Math.min(channel.size(), 64 * 1024);
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    int n = 0;
    while (buffer.hasRemaining() && n >= 0) {
      n = channel.read(buffer, buffer.position());
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // already failing with the error that matters
    }
  }
}
