package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every local user can read in {@code /proc/PID/cmdline}: a secret given with
 * {@code --set-from-file} or {@code --set-from-env}, and passed to the command through its
 * {@code stdin:} or {@code env:}, is in neither the engine's nor the command's command line (read
 * while the real command runs), and still reaches the command byte for byte.
 */
class SecretProcessListTest {
  private static final String SECRET = "s3cr3t-'T0ken' $(x)";

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"secret-in-env.yaml", "secret-in-stdin.yaml"})
  void aSecretFromAFilePassedInEnvOrStdinIsInNoCommandLine(String playbook) throws Exception {
    CliHarness cli = new CliHarness(tmp);
    Path file = tmp.resolve("token");
    Files.writeString(file, SECRET + "\n");
    List<String> lines = commandLines(cli, playbook, "--set-from-file", "token=" + file);
    for (String line : lines) {
      assertFalse(line.contains(SECRET) || line.contains("T0ken"), line);
    }
  }

  @Test
  void aSecretFromTheEnvironmentIsInNoCommandLine() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    List<String> lines = commandLines(cli, "secret-in-env.yaml", Map.of("RB_TEST_TOKEN", SECRET),
        "--set-from-env", "token=RB_TEST_TOKEN");
    for (String line : lines) {
      assertFalse(line.contains(SECRET) || line.contains("T0ken"), line);
    }
  }

  @Test
  void theSameReadingSeesASecretGivenWithSet() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    List<String> lines = commandLines(cli, "secret-in-env.yaml", "--set", "token=" + SECRET);
    assertTrue(lines.stream().anyMatch(l -> l.contains(SECRET)), lines.toString());
  }

  @Test
  void theSameReadingSeesASecretAcceptedInACommandsArguments() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    Path file = tmp.resolve("token");
    Files.writeString(file, SECRET + "\n");
    List<String> lines = commandLines(cli, "secret-in-argv-waits.yaml", "--set-from-file", "token=" + file);
    assertTrue(lines.stream().skip(1).anyMatch(l -> l.contains(SECRET)), lines.toString());
    assertFalse(lines.get(0).contains(SECRET), lines.get(0));
  }

  @Test
  void aSecretGivenWithSetIsWarnedAboutWithTheWaysThatKeepItOut() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    String pb = CliHarness.playbook("secret-in-argv-accepted.yaml");
    CliHarness.Result r = cli.run("run", pb, "--set", "token=abcd-secret", "--set", "dir=" + cli.scratch, "--non-interactive");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.err().contains("warning: param `token` is secret, but --set puts its value in this command's arguments"),
        r.all());
    assertTrue(r.err().contains("--set-from-file token=FILE (- for standard input) or --set-from-env token=VAR"), r.all());
    assertFalse(r.all().contains("abcd-secret"), r.all());
    cli.env.put("RB_TEST_TOKEN", "abcd-secret");
    r = cli.run("run", pb, "--set-from-env", "token=RB_TEST_TOKEN", "--set", "dir=" + cli.scratch, "--non-interactive");
    assertEquals(0, r.code(), r.all());
    assertFalse(r.err().contains("warning"), r.all());
  }

  /** A secret is never stored, so resume asks for it again: given with --set, it is warned about there too. */
  @Test
  void aSecretGivenAgainWithSetOnResumeIsWarnedAbout() throws Exception {
    CliHarness cli = new CliHarness(tmp);
    String pb = CliHarness.playbook("secret-resume.yaml");
    cli.env.put("RB_TEST_TOKEN", "abcd-secret");
    CliHarness.Result r = cli.run("run", pb, "--set-from-env", "token=RB_TEST_TOKEN", "--non-interactive");
    assertEquals(3, r.code(), r.all());
    assertFalse(r.err().contains("warning"), r.all());
    r = cli.run("resume", "--last", "--set", "token=abcd-secret", "--yes", "--non-interactive");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.err().contains("warning: param `token` is secret, but --set puts its value in this command's arguments"),
        r.all());
    assertFalse(r.all().contains("abcd-secret"), r.all());
  }

  private List<String> commandLines(CliHarness cli, String playbook, String... secretArgs) throws Exception {
    return commandLines(cli, playbook, Map.of(), secretArgs);
  }

  /** The command lines of the engine and every process under it while the step's command runs. */
  private List<String> commandLines(CliHarness cli, String playbook, Map<String, String> env, String... secretArgs)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("run", CliHarness.playbook(playbook),
        "--set", "dir=" + cli.scratch, "--non-interactive"));
    args.addAll(List.of(secretArgs));
    Process engine = EngineProcess.start(cli, tmp, List.of(), env, args.toArray(String[]::new));
    Path got = cli.scratch.resolve("got");
    try {
      for (int i = 0; i < 1200 && !(Files.exists(got) && Files.size(got) > 0); i++) {
        assertTrue(engine.isAlive(), () -> "the engine ended early: " + read(tmp.resolve("err.txt")));
        Thread.sleep(50);
      }
      assertEquals(SECRET, Files.readString(got), "the value reached the command unchanged");
      List<String> lines = new ArrayList<>();
      lines.add(cmdline(engine.pid()));
      engine.descendants().forEach(h -> lines.add(cmdline(h.pid())));
      assertTrue(lines.size() >= 2, lines.toString());
      return lines;
    } finally {
      EngineProcess.killTree(engine, cli.scratch.toString());
    }
  }

  private static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "(no " + p + ")";
    }
  }
}
