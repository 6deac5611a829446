package runbook.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on this machine, each in its own session and process group, so a timeout or an
 * interrupt kills everything the command started (unless a process made itself a new session).
 *
 * <p>Output is read in chunks by two threads per command: every byte goes to the log files (or
 * the output file), at most {@code captureBytes} per stream stays in memory, and the listener
 * sees bounded lines. When the command's first process ends, whatever it left running in its
 * group is terminated too: a step's processes do not outlive it, and a step never hangs on a
 * forgotten background job. (The JDK closes the pipes when the first process ends, so output
 * that a background job writes later is lost anyway.)
 *
 * <p>{@link #terminateAll()} is the interrupt path (Ctrl-C, SIGTERM): it kills every running
 * command and refuses new ones, so nothing more runs on the host while the engine stops.
 */
public final class LocalHost implements Host {
  /** How long a process group has between SIGTERM and SIGKILL. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);

  /** Bytes of one line shown to the listener; longer lines are cut. */
  public static final int LINE_LIMIT = 4096;

  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Duration grace;
  private final Path setsid;
  private final Path kill;
  private final Set<ProcessGroup> running = ConcurrentHashMap.newKeySet();
  private volatile boolean terminated;

  public LocalHost() {
    this(DEFAULT_GRACE);
  }

  /** The JDK's choice of how a child process is started; read once, when the first one starts. */
  static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";

  /**
   * Has the JDK start commands with {@code vfork} and {@code exec} in place of its default (since
   * JDK 12) {@code posix_spawn} of a helper program, {@code jspawnhelper}, that then execs the
   * command: one program less started per command, about 3 ms of CPU time (docs/performance.md).
   * Both do the same in the child (close the other descriptors, change directory, exec, report a
   * failed exec). Only on JDK 17 to 21, which support {@code VFORK} on Linux; later JDKs deprecate
   * it, and keep their default. Must run before the engine starts its first process; a value given
   * on the command line ({@code -Djdk.lang.Process.launchMechanism=...}) is kept.
   */
  public static void preferVfork() {
    int feature = Runtime.version().feature();
    if (feature >= 17 && feature <= 21 && System.getProperty(LAUNCH_MECHANISM) == null
        && System.getProperty("os.name", "").equals("Linux")) {
      System.setProperty(LAUNCH_MECHANISM, "VFORK");
    }
  }

  /** @param grace time between SIGTERM and SIGKILL, and for background jobs holding output open */
  public LocalHost(Duration grace) {
    this.grace = Objects.requireNonNull(grace, "grace");
    String path = System.getenv("PATH");
    this.setsid = Programs.find("setsid", path, null);
    this.kill = Programs.find("kill", path, null);
  }

  @Override
  public boolean hasProgram(String name) {
    return Programs.find(name, System.getenv("PATH"), null) != null;
  }

  @Override
  public CommandOutcome run(CommandRequest request, OutputListener listener) throws IOException, InterruptedException {
    Objects.requireNonNull(listener, "listener");
    if (terminated) {
      throw new InterruptedException("interrupted: no command is started after the run was stopped");
    }
    checkCanStart(request);

    Path partial = null;
    FileChannel stdoutSink = null;
    FileChannel stderrSink = null;
    Process process;
    long forksBefore;
    try {
      stderrSink = openLog(request.stderrLog());
      if (request.outputFile() == null) {
        stdoutSink = openLog(request.stdoutLog());
      } else {
        openLog(request.stdoutLog()).close();
        partial = createPartial(request.outputFile());
        stdoutSink = FileChannel.open(partial, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      }
      // before the command's pid is handed out: what tells, after it, which pids are its (ProcStat)
      forksBefore = ProcStat.forks();
      long spawn = runbook.exec.Phases.now();
      process = start(request);
      runbook.exec.Phases.add("spawn", spawn);
    } catch (IOException | RuntimeException e) {
      closeQuietly(stdoutSink);
      closeQuietly(stderrSink);
      if (partial != null) {
        Files.deleteIfExists(partial); // created by us a moment ago, holds nothing
      }
      throw e;
    }

    long started = System.nanoTime();
    ProcessGroup group = new ProcessGroup(process, kill);
    running.add(group);
    try {
      listener.started(process.pid());
      if (terminated) {
        group.markStoppedByHost();
        group.terminate(grace);
      }
      return await(request, listener, group, stdoutSink, stderrSink, partial, started, forksBefore);
    } finally {
      running.remove(group);
    }
  }

  /**
   * Kills every running command's process group (SIGTERM, SIGKILL after the grace period) and
   * makes every later {@link #run} throw {@link InterruptedException}. Safe to call from any
   * thread, e.g. a shutdown hook; returns when the groups are gone.
   */
  public void terminateAll() {
    terminated = true;
    List<ProcessGroup> groups = new ArrayList<>(running);
    for (ProcessGroup g : groups) {
      g.markStoppedByHost();
    }
    ProcessGroup.terminate(groups, grace);
  }

  private CommandOutcome await(
      CommandRequest request,
      OutputListener listener,
      ProcessGroup group,
      FileChannel stdoutSink,
      FileChannel stderrSink,
      Path partial,
      long started,
      long forksBefore)
      throws IOException, InterruptedException {
    Process process = group.leader();
    Object listenerLock = new Object();
    boolean toFile = partial != null;
    CaptureBuffer stdoutCapture = new CaptureBuffer(toFile ? 0 : request.captureBytes());
    // an output file holds data, not messages: its lines are not shown
    LineSplitter stdoutLines = toFile ? null : lines(false, listener, listenerLock, request.logRedactor());
    StreamPump stdout = new StreamPump(process.getInputStream(), stdoutSink, toFile ? Redactor.NONE : request.logRedactor(),
        toFile ? partial : request.stdoutLog(), toFile, stdoutCapture, stdoutLines);
    StreamPump stderr = new StreamPump(process.getErrorStream(), stderrSink, request.logRedactor(), request.stderrLog(), false,
        new CaptureBuffer(request.captureBytes()), lines(true, listener, listenerLock, request.logRedactor()));
    String name = "runbook-" + group.id();
    PUMPS.execute(named(name + "-stdout", stdout));
    PUMPS.execute(named(name + "-stderr", stderr));
    if (request.stdin() != null) {
      PUMPS.execute(named(name + "-stdin", () -> feed(process.getOutputStream(), request.stdin())));
    }

    boolean timedOut = false;
    int exitCode;
    boolean streamsEnded;
    try {
      timedOut = !waitForLeader(process, request.timeout(), started);
      if (timedOut) {
        group.terminate(grace);
      }
      exitCode = process.waitFor();
      long scan = runbook.exec.Phases.now();
      boolean alive = group.aliveAfterLeader(forksBefore);
      runbook.exec.Phases.add("survivor scan", scan);
      if (alive) {
        group.terminate(grace);
      }
      // false only when a process that left the group still holds the output open
      streamsEnded = stdout.await(grace) && stderr.await(grace);
    } catch (InterruptedException e) {
      group.terminate(grace);
      Thread.interrupted(); // an interrupt during the kill is the same request as the one thrown
      throw e;
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    if (group.stoppedByHost()) {
      throw new InterruptedException("interrupted: " + request.argv().get(0) + " was stopped");
    }
    if (stdout.listenerFailure() != null) {
      throw stdout.listenerFailure();
    }
    if (stderr.listenerFailure() != null) {
      throw stderr.listenerFailure();
    }
    if (stdout.failure() != null) {
      throw stdout.failure();
    }
    if (stderr.failure() != null) {
      throw stderr.failure();
    }

    Path partialLeft = null;
    if (toFile) {
      if (stdout.bytes() > 0) {
        stdoutCapture.markTruncated();
      }
      if (!timedOut && streamsEnded && request.expects(exitCode)) {
        moveIntoPlace(partial, request.outputFile());
      } else {
        partialLeft = partial;
      }
    }
    return new CommandOutcome(
        exitCode, stdout.capture(), stderr.capture(), timedOut, duration, stdout.bytes(), stderr.bytes(), partialLeft);
  }

  private void checkCanStart(CommandRequest request) throws IOException {
    if (setsid == null || kill == null) {
      throw new IOException("cannot run commands: setsid (util-linux) and kill must be on the engine's PATH");
    }
    if (request.cwd() != null && !Files.isDirectory(request.cwd())) {
      throw new IOException("cannot run " + request.argv().get(0) + ": working directory " + request.cwd() + " does not exist");
    }
    String program = request.argv().get(0);
    String path = request.env().get("PATH");
    if (Programs.find(program, path, request.cwd()) == null) {
      throw new IOException(program.indexOf('/') >= 0
          ? "cannot run " + program + ": no such executable file"
          : "cannot run " + program + ": no such program on PATH (" + (path == null ? Programs.DEFAULT_PATH : path) + ")");
    }
  }

  private Process start(CommandRequest request) throws IOException {
    List<String> command = new ArrayList<>(request.argv().size() + 1);
    command.add(setsid.toString());
    command.addAll(request.argv());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(request.env());
    if (request.cwd() != null) {
      builder.directory(request.cwd().toFile());
    }
    builder.redirectInput(
        request.stdin() == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.PIPE);
    return builder.start();
  }

  private static boolean waitForLeader(Process process, Duration timeout, long started) throws InterruptedException {
    if (timeout == null) {
      process.waitFor();
      return true;
    }
    long left = timeout.toNanos() - (System.nanoTime() - started);
    return process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS);
  }

  private static LineSplitter lines(boolean stderr, OutputListener listener, Object lock, Redactor redactor) {
    return new LineSplitter(LINE_LIMIT, line -> {
      synchronized (lock) {
        listener.line(stderr, line);
      }
    }, redactor);
  }

  /**
   * The threads that copy the commands' output, kept for the next command rather than started anew
   * for each (two or three per command: about 0.2 ms of CPU time each in a short run, docs/performance.md,
   * Steps). Daemons: a pump still draining a stream held open by an escaped process never keeps the
   * engine from exiting. A thread idle for a minute ends.
   */
  private static final ExecutorService PUMPS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
      new SynchronousQueue<>(), body -> {
        Thread t = new Thread(body, "runbook-output");
        t.setDaemon(true);
        return t;
      });

  /** The task under the command's name while it runs (what a thread dump shows), the pool's name after. */
  private static Runnable named(String name, Runnable body) {
    return () -> {
      Thread self = Thread.currentThread();
      self.setName(name);
      try {
        body.run();
      } finally {
        self.setName("runbook-output");
      }
    };
  }

  private static void feed(OutputStream stdin, String text) {
    try (stdin) {
      stdin.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the command ended or closed its input without reading it all: that is its choice
    }
  }

  /**
   * A step's log in the run's private directory: created {@code 0600}, or appended to; a link in
   * its place is refused, never followed.
   */
  private static FileChannel openLog(Path log) throws IOException {
    Path dir = log.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return FileChannel.open(log, Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS), PRIVATE);
  }

  /**
   * The file stdout is written to until the command succeeds: created exclusively ({@code 0600}),
   * in the target's directory so the rename is atomic, under a name nobody can predict
   * ({@code .<name>.<random>.partial}), so no file or link planted in advance can be written through.
   */
  private static Path createPartial(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    try {
      return Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial", PRIVATE);
    } catch (IOException e) {
      throw new IOException("cannot write output file " + target + ": cannot create a file in " + dir + ": " + reason(e), e);
    }
  }

  /**
   * Renames atomically (a link at the target's name is replaced, not followed), then syncs the
   * directory so the new name survives a crash. A file that is replaced keeps its permission bits;
   * a new one stays readable by the engine's user only.
   */
  private static void moveIntoPlace(Path partial, Path target) throws IOException {
    try {
      Set<PosixFilePermission> mode = existingMode(target);
      if (mode != null) {
        Files.setPosixFilePermissions(partial, mode);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IOException("cannot rename " + partial + " to " + target + ": " + reason(e), e);
    }
    Path dir = target.toAbsolutePath().getParent();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** The permission bits of a regular file at {@code target}; null when there is none (or a link). */
  private static Set<PosixFilePermission> existingMode(Path target) {
    try {
      PosixFileAttributes a = Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile() ? a.permissions() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    return e instanceof NoSuchFileException ? "no such file or directory"
        : e instanceof AccessDeniedException ? "permission denied"
        : m == null ? e.getClass().getSimpleName() : m;
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // already failing with the error that matters
      }
    }
  }
}
