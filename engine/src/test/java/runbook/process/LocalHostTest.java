package runbook.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHostTest {
  private static final Map<String, String> ENV = Map.of("PATH", System.getenv("PATH"), "LC_ALL", "C");

  /** A short grace keeps the kill tests quick; TERM ends sleep at once anyway. */
  private final LocalHost host = new LocalHost(Duration.ofMillis(300));

  @TempDir Path dir;

  private CommandRequest request(String... argv) {
    return CommandRequest.of(List.of(argv), ENV, dir.resolve("steps/s.out"), dir.resolve("steps/s.err"));
  }

  private CommandOutcome run(CommandRequest request) throws Exception {
    return host.run(request, OutputListener.NONE);
  }

  @Test
  void exitCodeIsReportedWhateverExpectExitSays() throws Exception {
    CommandOutcome outcome = run(request("sh", "-c", "exit 3").withExpectExit(List.of(0, 3)));
    assertEquals(3, outcome.exitCode());
    assertFalse(outcome.timedOut());
  }

  @Test
  void stdinIsWrittenThenClosed() throws Exception {
    CommandOutcome outcome = run(request("cat").withStdin("first\nsecond é\n"));
    assertEquals("first\nsecond é\n", outcome.stdout().text());
  }

  @Test
  void withoutStdinTheCommandReadsEmptyInputInsteadOfWaiting() throws Exception {
    CommandOutcome outcome = run(request("cat").withTimeout(Duration.ofSeconds(20)));
    assertEquals(0, outcome.exitCode());
    assertEquals("", outcome.stdout().text());
    assertFalse(outcome.timedOut());
  }

  @Test
  void environmentIsExactlyTheRequestsEnvironment() throws Exception {
    Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "GREETING", "hello world");
    CommandRequest request = new CommandRequest(List.of("env"), env, null, null, null,
        dir.resolve("e.out"), dir.resolve("e.err"), null, 4096, List.of(0), Redactor.NONE);
    List<String> lines = new ArrayList<>(List.of(run(request).stdout().text().split("\n")));
    Collections.sort(lines);
    assertEquals(List.of("GREETING=hello world", "PATH=" + System.getenv("PATH")), lines);
  }

  @Test
  void commandRunsInTheRequestedDirectory() throws Exception {
    Path work = Files.createDirectory(dir.resolve("work dir"));
    CommandOutcome outcome = run(request("pwd").withCwd(work));
    assertEquals(work.toRealPath() + "\n", outcome.stdout().text());
  }

  @Test
  void valueWithShellSyntaxArrivesAsOneArgument() throws Exception {
    String value = "a b 'c' \"d\"; $(id) `id` * && echo pwned | tee x > y \\ $HOME";
    CommandOutcome printed = run(request("printf", "%s", value));
    assertEquals(value, printed.stdout().text());
    CommandOutcome counted = run(request("sh", "-c", "printf %s $#", "sh", value));
    assertEquals("1", counted.stdout().text());
  }

  @Test
  void stdoutAndStderrStaySeparate() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CommandOutcome outcome = host.run(
        request("sh", "-c", "printf 'to out\\n'; printf 'to err\\n' >&2"),
        (stderr, line) -> seen.add((stderr ? "err:" : "out:") + line));
    assertEquals("to out\n", outcome.stdout().text());
    assertEquals("to err\n", outcome.stderr().text());
    assertEquals("to out\n", Files.readString(dir.resolve("steps/s.out")));
    assertEquals("to err\n", Files.readString(dir.resolve("steps/s.err")));
    assertEquals(7, outcome.stdoutBytes());
    assertEquals(7, outcome.stderrBytes());
    assertTrue(seen.containsAll(List.of("out:to out", "err:to err")), seen::toString);
    assertEquals(2, seen.size());
  }

  @Test
  void captureStopsAtTheLimitButTheLogGetsEveryByte() throws Exception {
    CommandOutcome outcome = run(request("seq", "1", "20000").withCaptureBytes(1000));
    byte[] log = Files.readAllBytes(dir.resolve("steps/s.out"));
    assertEquals(108894, log.length);
    assertEquals(log.length, outcome.stdoutBytes());
    assertTrue(outcome.stdout().truncated());
    assertEquals(new String(log, 0, 1000, StandardCharsets.UTF_8), outcome.stdout().text());
  }

  @Test
  void outputWithinTheLimitIsNotTruncated() throws Exception {
    CommandOutcome outcome = run(request("printf", "12345").withCaptureBytes(5));
    assertEquals("12345", outcome.stdout().text());
    assertFalse(outcome.stdout().truncated());
  }

  @Test
  void captureCutDoesNotSplitACharacter() throws Exception {
    CommandOutcome outcome = run(request("printf", "aé").withCaptureBytes(2));
    assertEquals("a", outcome.stdout().text());
    assertTrue(outcome.stdout().truncated());
  }

  @Test
  void logsAreAppendedAcrossAttempts() throws Exception {
    run(request("printf", "one\n"));
    run(request("printf", "two\n"));
    assertEquals("one\ntwo\n", Files.readString(dir.resolve("steps/s.out")));
  }

  @Test
  void binaryOutputIsLoggedByteForByte() throws Exception {
    CommandOutcome outcome = run(request("printf", "\\000\\001\\377\\376\\n\\200"));
    assertArrayEquals(new byte[] {0, 1, (byte) 0xff, (byte) 0xfe, '\n', (byte) 0x80},
        Files.readAllBytes(dir.resolve("steps/s.out")));
    assertEquals(6, outcome.stdoutBytes());
  }

  @Test
  void listenerGetsCompleteLinesWithoutTerminators() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    host.run(request("sh", "-c", "printf 'a\\nb'; sleep 0.1; printf 'c\\r\\n\\nlast'"), (stderr, line) -> seen.add(line));
    assertEquals(List.of("a", "bc", "", "last"), seen);
  }

  @Test
  void veryLongLineIsCutForTheListenerButKeptWhole() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CommandOutcome outcome = host.run(
        request("sh", "-c", "head -c 100000 /dev/zero | tr '\\000' a; echo; echo next"), (stderr, line) -> seen.add(line));
    assertEquals(2, seen.size(), () -> "lines seen: " + seen.size());
    assertEquals("a".repeat(LocalHost.LINE_LIMIT) + OutputListener.CUT_MARK, seen.get(0));
    assertEquals("next", seen.get(1));
    assertEquals(100006, outcome.stdoutBytes());
    assertEquals("a".repeat(100000) + "\nnext\n", outcome.stdout().text());
  }

  @Test
  void failingListenerIsReportedAfterEveryByteWasLogged() throws Exception {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> host.run(
        request("seq", "1", "1000"), (stderr, line) -> {
          throw new IllegalStateException("display broke at " + line);
        }));
    assertEquals("display broke at 1", e.getMessage());
    assertEquals(3893, Files.size(dir.resolve("steps/s.out")));
  }

  @Test
  void aSecretIsReplacedInTheLogsEvenWhenTheCommandPrintsItInPieces() throws Exception {
    Redactor secret = Redactor.of(List.of("s3cr3t-v4lue"), "***");
    // two writes a fifth of a second apart: the engine reads the secret in two pieces
    CommandOutcome outcome = run(request("sh", "-c", "printf 'token s3cr3t'; sleep 0.2; printf -- '-v4lue\\n'; "
        + "printf 'err s3cr3t-v4lue' >&2").withLogRedactor(secret));
    assertEquals("token ***\n", Files.readString(dir.resolve("steps/s.out")));
    assertEquals("err ***", Files.readString(dir.resolve("steps/s.err")));
    assertEquals("token s3cr3t-v4lue\n", outcome.stdout().text(), "expressions still read what the command printed");
  }

  @Test
  void anOutputFileHoldsDataAndIsNotRedacted() throws Exception {
    Path target = dir.resolve("dump.xml");
    run(request("printf", "<key>s3cr3t-v4lue</key>").withOutputFile(target)
        .withLogRedactor(Redactor.of(List.of("s3cr3t-v4lue"), "***")));
    assertEquals("<key>s3cr3t-v4lue</key>", Files.readString(target));
  }

  @Test
  void outputFileIsRenamedIntoPlaceOnSuccess() throws Exception {
    Path target = dir.resolve("dump.xml");
    Files.writeString(target, "an older dump");
    CommandOutcome outcome = run(request("printf", "<superblock/>\\n").withOutputFile(target));
    assertEquals("<superblock/>\n", Files.readString(target));
    assertEquals(List.of(), partials(dir));
    assertNull(outcome.partialFile());
    assertEquals(14, outcome.stdoutBytes());
    assertEquals("", outcome.stdout().text());
    assertTrue(outcome.stdout().truncated(), "the text is not the output: it went to the file");
    assertEquals(0, Files.size(dir.resolve("steps/s.out")));
  }

  @Test
  void outputFileIsRenamedForAnExpectedNonZeroExit() throws Exception {
    Path target = dir.resolve("dump.xml");
    run(request("sh", "-c", "printf data; exit 5").withOutputFile(target).withExpectExit(List.of(0, 5)));
    assertEquals("data", Files.readString(target));
  }

  @Test
  void failedCommandLeavesThePartialFileAndNoOutputFile() throws Exception {
    Path target = dir.resolve("dump.xml");
    CommandOutcome outcome = run(request("sh", "-c", "printf half; exit 2").withOutputFile(target));
    assertEquals(2, outcome.exitCode());
    assertFalse(Files.exists(target));
    assertEquals(List.of(outcome.partialFile()), partials(dir));
    assertTrue(outcome.partialFile().getFileName().toString().matches("\\.dump\\.xml\\.\\d+\\.partial"), outcome.partialFile().toString());
    assertEquals("half", Files.readString(outcome.partialFile()));
  }

  @Test
  void timedOutCommandLeavesThePartialFile() throws Exception {
    Path target = dir.resolve("dump.xml");
    CommandOutcome outcome = run(
        request("sh", "-c", "printf half; sleep 10").withOutputFile(target).withTimeout(Duration.ofMillis(300)));
    assertTrue(outcome.timedOut());
    assertFalse(Files.exists(target));
    assertEquals("half", Files.readString(outcome.partialFile()));
  }

  @Test
  void outputFileInAMissingDirectoryFailsBeforeStarting() {
    Path target = dir.resolve("no-such-dir/dump.xml");
    IOException e = assertThrows(IOException.class, () -> run(request("printf", "x").withOutputFile(target)));
    assertEquals("cannot write output file " + target + ": cannot create a file in " + target.getParent()
        + ": no such file or directory", e.getMessage());
  }

  @Test
  void aPlantedPartialLinkIsNeitherFollowedNorUsed() throws Exception {
    // the attack on the old fixed name: `<file>.partial` planted as a link to a file root would truncate
    Path victim = dir.resolve("victim");
    Files.writeString(victim, "precious");
    Files.createSymbolicLink(dir.resolve("dump.xml.partial"), victim);
    Path target = dir.resolve("dump.xml");
    CommandOutcome failed = run(request("sh", "-c", "printf half; exit 2").withOutputFile(target));
    run(request("printf", "data").withOutputFile(target));
    assertEquals("precious", Files.readString(victim));
    assertTrue(Files.isSymbolicLink(dir.resolve("dump.xml.partial")), "the planted link is left alone");
    assertEquals("data", Files.readString(target));
    assertEquals("half", Files.readString(failed.partialFile()));
    assertFalse(Files.isSymbolicLink(failed.partialFile()));
  }

  @Test
  void partialNamesCannotBePredicted() throws Exception {
    Path target = dir.resolve("dump.xml");
    Path first = run(request("sh", "-c", "printf a; exit 2").withOutputFile(target)).partialFile();
    Path second = run(request("sh", "-c", "printf b; exit 2").withOutputFile(target)).partialFile();
    assertFalse(first.equals(second), first + " " + second);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(first)));
  }

  @Test
  void aLinkAtTheTargetIsReplacedNotFollowed() throws Exception {
    Path victim = dir.resolve("victim");
    Files.writeString(victim, "precious");
    Path target = dir.resolve("dump.xml");
    Files.createSymbolicLink(target, victim);
    run(request("printf", "data").withOutputFile(target));
    assertEquals("precious", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(target));
    assertEquals("data", Files.readString(target));
  }

  @Test
  void aNewOutputFileIsPrivateAndAReplacedOneKeepsItsMode() throws Exception {
    Path fresh = dir.resolve("fresh.xml");
    run(request("printf", "x").withOutputFile(fresh));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    Path shared = dir.resolve("shared.xml");
    Files.writeString(shared, "old");
    Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    run(request("printf", "new").withOutputFile(shared));
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
  }

  /** The partial files left in a directory: {@code .<name>.<random>.partial}. */
  private static List<Path> partials(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".partial")
          && !Files.isSymbolicLink(p)).sorted().toList();
    }
  }

  @Test
  void commandRunsAsLeaderOfItsOwnSessionAndGroup() throws Exception {
    String[] stat = run(request("cat", "/proc/self/stat")).stdout().text().split(" ");
    assertEquals(stat[0], stat[4], "process group id");
    assertEquals(stat[0], stat[5], "session id");
  }

  @Test
  void timeoutKillsTheWholeProcessGroup() throws Exception {
    AtomicReference<String> group = new AtomicReference<>();
    CommandOutcome outcome = host.run(
        request("sh", "-c", "echo $$; sleep 100 & sleep 100").withTimeout(Duration.ofMillis(500)),
        (stderr, line) -> group.compareAndSet(null, line));
    assertTrue(outcome.timedOut());
    assertEquals(128 + 15, outcome.exitCode());
    assertEquals(List.of(), runningInGroup(group.get()));
  }

  @Test
  void processIgnoringTermIsKilledAfterTheGrace() throws Exception {
    AtomicReference<String> group = new AtomicReference<>();
    CommandOutcome outcome = host.run(
        request("sh", "-c", "trap '' TERM; echo $$; sleep 100 & sleep 100").withTimeout(Duration.ofMillis(300)),
        (stderr, line) -> group.compareAndSet(null, line));
    assertTrue(outcome.timedOut());
    assertEquals(128 + 9, outcome.exitCode());
    assertEquals(List.of(), runningInGroup(group.get()));
  }

  @Test
  void backgroundJobDoesNotOutliveTheCommand() throws Exception {
    AtomicReference<String> group = new AtomicReference<>();
    CommandOutcome outcome = host.run(
        request("sh", "-c", "echo $$; sleep 100 &"), (stderr, line) -> group.compareAndSet(null, line));
    assertEquals(0, outcome.exitCode());
    assertFalse(outcome.timedOut());
    assertEquals(List.of(), runningInGroup(group.get()));
  }

  @Test
  void terminateAllFromAnotherThreadStopsTheCommandAndLaterOnes() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<String> group = new AtomicReference<>();
    CompletableFuture<CommandOutcome> running = CompletableFuture.supplyAsync(() -> {
      try {
        return host.run(request("sh", "-c", "echo $$; sleep 100 & sleep 100"), (stderr, line) -> {
          group.set(line);
          started.countDown();
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(started.await(10, TimeUnit.SECONDS));
    host.terminateAll();
    ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getCause() instanceof InterruptedException, e::toString);
    assertEquals(List.of(), runningInGroup(group.get()));
    assertThrows(InterruptedException.class, () -> run(request("true")));
  }

  @Test
  void interruptingTheCallerKillsTheGroupAndRethrows() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<String> group = new AtomicReference<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        host.run(request("sh", "-c", "echo $$; sleep 100 & sleep 100"), (stderr, line) -> {
          group.set(line);
          started.countDown();
        });
      } catch (Exception e) {
        thrown.set(e);
      }
    });
    caller.start();
    assertTrue(started.await(10, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(10_000);
    assertFalse(caller.isAlive());
    assertTrue(thrown.get() instanceof InterruptedException, () -> String.valueOf(thrown.get()));
    assertEquals(List.of(), runningInGroup(group.get()));
  }

  @Test
  void missingProgramIsNamedWithThePathSearched() {
    IOException e = assertThrows(IOException.class, () -> run(request("no-such-program-here", "x")));
    assertEquals("cannot run no-such-program-here: no such program on PATH (" + System.getenv("PATH") + ")", e.getMessage());
  }

  @Test
  void missingWorkingDirectoryIsNamed() {
    Path missing = dir.resolve("gone");
    IOException e = assertThrows(IOException.class, () -> run(request("true").withCwd(missing)));
    assertEquals("cannot run true: working directory " + missing + " does not exist", e.getMessage());
  }

  @Test
  void hasProgramFindsProgramsOnPathAndExecutableFiles() {
    assertTrue(host.hasProgram("sh"));
    assertTrue(host.hasProgram("/bin/sh"));
    assertFalse(host.hasProgram("no-such-program-here"));
    assertFalse(host.hasProgram("/etc/passwd"), "not executable");
    assertFalse(host.hasProgram("/bin"), "a directory");
    assertFalse(host.hasProgram(""));
  }

  /** Live (not zombie) members of a process group, by procps' pgrep. */
  private static List<String> runningInGroup(String group) throws Exception {
    assertTrue(group != null && group.matches("\\d+"), "group id from the command: " + group);
    Process pgrep = new ProcessBuilder("pgrep", "-g", group, "-r", "R,S,D,T,t").redirectErrorStream(true).start();
    String out = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    pgrep.waitFor();
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }
}
