package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second local user attacks root's state the way the issue found it open: reading step outputs,
 * owning or sharing the state directory, planting {@code locks/} and {@code runs/}, a lock link to a
 * file root would truncate, a link as the state directory, a directory above it. The user is made
 * for this test ({@code useradd}), acts through {@code runuser}, and is removed afterwards.
 */
class LocalUserAttackTest {
  private static String attacker;
  private static Path shared;

  @TempDir Path tmp;
  private CliHarness cli;
  private Path victim;

  @BeforeAll
  static void makeTheAttacker() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    // on CI (.ci/run runs as root) the test must run: a skip there would hide a machine that cannot prove it
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(root, "CI must run the tests as root: this test makes a second local user");
    }
    Assumptions.assumeTrue(root, "needs root: the attack is on root's state by another user, made with useradd");
    attacker = "rbattack" + (1000 + new SecureRandom().nextInt(9000));
    assertEquals(0, sh(List.of("useradd", "--no-create-home", "--shell", "/bin/sh", attacker)), "useradd " + attacker);
    // a directory like /tmp: everyone may create entries, nobody may rename another's
    shared = Files.createTempDirectory(Path.of("/tmp"), "runbook-shared-");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertEquals(0, sh(List.of("chmod", "1777", shared.toString())));
  }

  @AfterAll
  static void removeTheAttacker() throws Exception {
    if (attacker != null) {
      sh(List.of("rm", "-rf", shared.toString()));
      sh(List.of("userdel", attacker));
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(tmp);
    // the other user may pass through the test's directory, as through a home directory
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    victim = Files.writeString(tmp.resolve("victim"), "root's precious file\n");
  }

  @Test
  void everythingInTheStateDirectoryIsPrivateWhateverTheUmask() throws Exception {
    Path state = shared.resolve("state-" + System.nanoTime());
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    // umask 000 would make every file the JVM creates world-readable and -writable
    Process p = new ProcessBuilder("sh", "-c", "umask 000; exec \"$0\" -cp \"$1\" runbook.cli.Main run \"$2\" --state-dir \"$3\" --set \"$4\"",
        ProcessHandle.current().info().command().orElse("java"), System.getProperty("java.class.path"),
        CliHarness.playbook("output-file.yaml"), state.toString(), "dir=" + cli.scratch)
        .redirectOutput(logs.resolve("out").toFile()).redirectError(logs.resolve("err").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String err = Files.readString(logs.resolve("err"));
    List<String> wrong = new ArrayList<>();
    int files = 0;
    try (Stream<Path> all = Files.walk(state)) {
      for (Path f : all.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS));
        boolean dir = Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS);
        files += dir ? 0 : 1;
        if (!mode.equals(dir ? "rwx------" : "rw-------")) {
          wrong.add(state.relativize(f) + " " + mode);
        }
      }
    }
    assertTrue(files >= 5, "the run wrote its files: " + err);
    assertEquals(List.of(), wrong, "not private");
    Path out = Files.list(state.resolve("runs")).findFirst().orElseThrow().resolve("steps");
    assertNotEquals(0, asAttacker("cat " + out + "/*.err; ls " + state + "/runs"), "the other user read root's state");
  }

  @Test
  void aStateDirectoryLeftReadableByAnOlderVersionIsMadePrivate() throws Exception {
    Path state = Files.createDirectories(tmp.resolve("old-state"));
    for (Path d : List.of(state, Files.createDirectories(state.resolve("runs")), Files.createDirectories(state.resolve("locks")))) {
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    CliHarness.Result r = cli.run("run", CliHarness.playbook("succeeds.yaml"), "--state-dir", state.toString());
    assertEquals(0, r.code(), r.all());
    for (Path d : List.of(state, state.resolve("runs"), state.resolve("locks"))) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)), d.toString());
    }
  }

  @Test
  void aStateDirectoryOwnedByAnotherUserIsRefused() throws Exception {
    Path state = shared.resolve("theirs-" + System.nanoTime());
    assertEquals(0, asAttacker("mkdir -m 777 " + state));
    CliHarness.Result r = cli.run("run", CliHarness.playbook("succeeds.yaml"), "--state-dir", state.toString());
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("error: refusing the state directory: " + state + " is owned by user " + attacker), r.err());
    assertTrue(r.err().contains("nothing was run"), r.err());
    try (Stream<Path> s = Files.list(state)) {
      assertEquals(List.of(), s.toList(), "root wrote into the other user's directory");
    }
  }

  @Test
  void aStateDirectoryOthersMayWriteWithoutTheStickyBitIsRefused() throws Exception {
    for (String mode : List.of("rwxrwxrwx", "rwxrwx---")) {
      Path state = Files.createDirectories(tmp.resolve("open-" + mode.hashCode()));
      Files.setPosixFilePermissions(state, PosixFilePermissions.fromString(mode));
      CliHarness.Result r = cli.run("run", CliHarness.playbook("succeeds.yaml"), "--state-dir", state.toString());
      assertEquals(1, r.code(), r.all());
      String who = mode.endsWith("rwx") ? "every user" : "its group";
      assertTrue(r.err().contains(state + " is writable by " + who), r.err());
      assertFalse(Files.exists(state.resolve("runs")));
    }
    // shared like /tmp (sticky): accepted, and what the engine makes in it is private
    Path sticky = Files.createDirectories(tmp.resolve("sticky"));
    assertEquals(0, sh(List.of("chmod", "1777", sticky.toString())));
    CliHarness.Result r = cli.run("run", CliHarness.playbook("succeeds.yaml"), "--state-dir", sticky.toString());
    assertEquals(0, r.code(), r.all());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sticky.resolve("runs"))));
  }

  @Test
  void locksOrRunsPlantedByAnotherUserAreRefusedAndNothingIsTruncated() throws Exception {
    for (String planted : List.of("locks", "runs")) {
      Path state = Files.createDirectories(tmp.resolve("shared-state-" + planted));
      assertEquals(0, sh(List.of("chmod", "1777", state.toString())));
      Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
      // the other user prepares the directory and a lock that points at root's file
      assertEquals(0, asAttacker("mkdir -m 777 " + state.resolve(planted) + " && ln -s " + victim + " " + state.resolve(planted) + "/succeeds.lock"
          + " && mkdir -m 777 " + state.resolve(planted) + "/20261125-170000-succeeds-abcd"));
      CliHarness.Result r = cli.run("run", CliHarness.playbook("succeeds.yaml"), "--state-dir", state.toString());
      assertEquals(1, r.code(), r.all());
      assertTrue(r.err().contains(state.resolve(planted) + " is owned by user " + attacker), r.err());
      assertEquals("root's precious file\n", Files.readString(victim));
    }
  }

  @Test
  void aLockLinkIsNeverFollowed() throws Exception {
    Path locks = Files.createDirectories(cli.stateDir.resolve("locks"));
    Files.createSymbolicLink(locks.resolve("succeeds.lock"), victim);
    CliHarness.Result r = cli.run("run", CliHarness.playbook("succeeds.yaml"));
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains(locks.resolve("succeeds.lock") + " is a symbolic link (to " + victim + "); the engine never writes through one"), r.err());
    assertEquals("root's precious file\n", Files.readString(victim));
  }

  @Test
  void aStateDirectoryThatIsAnotherUsersLinkIsRefused() throws Exception {
    Path rootsDir = Files.createDirectories(tmp.resolve("roots-own"));
    Path link = shared.resolve("link-" + System.nanoTime());
    assertEquals(0, asAttacker("ln -s " + rootsDir + " " + link));
    CliHarness.Result r = cli.run("run", CliHarness.playbook("succeeds.yaml"), "--state-dir", link.toString());
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains(link + " is a symbolic link owned by user " + attacker), r.err());
    try (Stream<Path> s = Files.list(rootsDir)) {
      assertEquals(List.of(), s.toList());
    }
  }

  @Test
  void aDirectoryAboveOwnedByAnotherUserIsRefused() throws Exception {
    Path theirs = shared.resolve("home-" + System.nanoTime());
    assertEquals(0, asAttacker("mkdir -m 755 " + theirs));
    CliHarness.Result r = cli.run("run", CliHarness.playbook("succeeds.yaml"), "--state-dir", theirs.resolve("state").toString());
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains(theirs + " is owned by user " + attacker), r.err());
    assertFalse(Files.exists(theirs.resolve("state")), "root made a directory where the other user can swap it");
  }

  private static int asAttacker(String script) throws Exception {
    return sh(List.of("runuser", "-u", attacker, "--", "sh", "-c", script));
  }

  private static int sh(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd + ": " + out);
    return p.exitValue();
  }
}
