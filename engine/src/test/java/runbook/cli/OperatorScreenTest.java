package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.json.Json;

/**
 * What the operator sees at the end of a rehearsal of the shipped repair on a real pseudo-terminal:
 * the engine's output goes through a terminal emulator model (pyte, run by
 * {@code src/test/resources/terminal/screen.py}) of a given size, the questions are answered as
 * they appear on screen, and the terminal is resized while the run goes on. The assertions read
 * the final screen and every line that scrolled off it.
 */
class OperatorScreenTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", "..")).toAbsolutePath().normalize();
  private static final String YES = "approve\\? \\[yes/no\\]:";
  private static final String TYPED = "type `pve/data` to approve";

  @TempDir Path tmp;

  /** The final screen, the lines above it, and how the run ended. */
  private record Screen(int exit, List<String> history, List<String> screen, List<String> unanswered) {
    List<String> all() {
      List<String> out = new ArrayList<>(history);
      out.addAll(screen);
      return out;
    }

    String text() {
      return String.join("\n", all());
    }
  }

  /** A test that needs the terminal model fails, never skips: it says what to install. */
  private static void requireTerminalModel() throws Exception {
    String missing = "the operator's screen is checked through pyte, a terminal emulator model run by /usr/bin/python3;"
        + " install it (Debian: apt install python3-pyte; README.md, Set-up)";
    Process p;
    try {
      p = new ProcessBuilder("/usr/bin/python3", "-c", "import pyte").redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new AssertionError("/usr/bin/python3 is not installed: " + missing, e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError("python3 cannot import pyte (" + out.strip() + "): " + missing);
    }
  }

  @SuppressWarnings("unchecked")
  private Screen run(int cols, int rows, String scenario, List<List<Object>> answers, List<List<Object>> resizes) throws Exception {
    requireTerminalModel();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", ROOT.resolve("engine/src/test/resources/terminal/screen.py").toString(),
        String.valueOf(cols), String.valueOf(rows), Json.write(Map.of("answers", answers, "resize", resizes, "timeout", 120)), "--",
        java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "runbook.cli.Main",
        "run", ROOT.resolve("playbooks/thin-pool-metadata-repair.yaml").toString(),
        "--simulate", ROOT.resolve("playbooks/scenarios/" + scenario).toString(), "--state-dir", tmp.resolve("state").toString()));
    Path json = tmp.resolve("screen.json");
    Process p = new ProcessBuilder(cmd).redirectOutput(json.toFile()).redirectError(tmp.resolve("screen.err").toFile()).start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the terminal model did not end");
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("screen.err")));
    Map<String, Object> r = (Map<String, Object>) Json.parse(Files.readString(json, StandardCharsets.UTF_8));
    return new Screen(((Number) r.get("exit")).intValue(), (List<String>) r.get("history"), (List<String>) r.get("screen"),
        (List<String>) r.get("unanswered"));
  }

  private static List<Object> answer(String regex, String text) {
    return List.of(regex, text);
  }

  private static List<Object> resize(String whenShown, int cols, int rows) {
    return List.of(whenShown, cols, rows);
  }

  /** The live block is always erased: none of its lines, nor a command's output shown in it, is left behind. */
  private static void noStaleLines(Screen s) {
    for (String line : s.all()) {
      assertTrue(!line.strip().startsWith(".. "), "a stale progress line: `" + line + "` in\n" + s.text());
      assertTrue(!line.contains("Library version:"), "a command's output left on screen: `" + line + "` in\n" + s.text());
    }
  }

  /** Every question is on screen with the answer typed under it and who gave it. */
  private static void everyApprovalVisible(Screen s, List<String> questions, int yes, int typed) {
    String text = s.text();
    for (String q : questions) {
      assertTrue(text.contains(q), "the question `" + q + "` is not on screen:\n" + text);
    }
    assertEquals(yes, count(s, "approve? [yes/no]: yes"), text);
    assertEquals(typed, count(s, "to approve, anything else declines: pve/data"), text);
    assertEquals(yes + typed, count(s, "approved by "), text);
  }

  private static long count(Screen s, String part) {
    return s.all().stream().filter(l -> l.contains(part)).count();
  }

  private static final List<String> ACCOUNT_QUESTIONS = List.of(
      "Grow the metadata of pve/data by 1.00g while the pool stays in use?",
      "Shut down every Proxmox guest whose thin volume on pve/data is open?",
      "Take pve/data and every thin volume on it offline and rebuild its metadata?",
      "Swap pve/data_repaired_meta in as the metadata of pve/data?");

  private List<List<Object>> accountAnswers() {
    return List.of(answer(YES, "yes"), answer(YES, "yes"), answer(YES, "yes"), answer(TYPED, "pve/data"));
  }

  private static void successScreen(Screen s) {
    assertEquals(0, s.exit(), s.text());
    assertEquals(List.of(), s.unanswered(), s.text());
    String screen = String.join("\n", s.screen());
    // what matters is the last thing on screen: the outcome, the backups, the next checks
    assertTrue(screen.contains("run succeeded (simulated: nothing ran on this host)"), screen);
    assertTrue(screen.contains("Backups in /root/thin-pool-repair/pve-data-20261125T031500Z"), screen);
    assertTrue(screen.contains("Start the guests; check their filesystems"), screen);
    assertTrue(screen.contains("offline_repair"), "the compact step table:\n" + screen);
  }

  @Test
  void theAccountsRepairAt80x24() throws Exception {
    Screen s = run(80, 24, "account-pve-99.6.scenario.yaml", accountAnswers(), List.of());
    successScreen(s);
    noStaleLines(s);
    everyApprovalVisible(s, ACCOUNT_QUESTIONS, 3, 1);
  }

  @Test
  void theAccountsRepairAt120x40() throws Exception {
    Screen s = run(120, 40, "account-pve-99.6.scenario.yaml", accountAnswers(), List.of());
    successScreen(s);
    noStaleLines(s);
    everyApprovalVisible(s, ACCOUNT_QUESTIONS, 3, 1);
  }

  @Test
  void theAccountsRepairWhileTheTerminalIsResized() throws Exception {
    // The width changes while a question waits, as an operator resizes the window to read it. (Bytes
    // already on their way when a terminal is resized are drawn at the new width by any terminal, so
    // a resize in the middle of a redraw is not a fixed point to test; and the model keeps the cursor
    // row when the height changes, which terminals do not.) After the resize the run goes on with
    // live blocks at the new width.
    Screen s = run(120, 24, "account-pve-99.6.scenario.yaml", accountAnswers(),
        List.of(resize("Grow the metadata of pve/data by", 80, 24), resize("Take pve/data and every thin volume", 100, 24)));
    successScreen(s);
    noStaleLines(s);
    everyApprovalVisible(s, ACCOUNT_QUESTIONS, 3, 1);
  }

  @Test
  void aPoolThatWillNotActivateAt80x24() throws Exception {
    Screen s = run(80, 24, "pool-will-not-activate.scenario.yaml", List.of(answer(YES, "yes"), answer(TYPED, "pve/data")), List.of());
    successScreen(s);
    noStaleLines(s);
    everyApprovalVisible(s, List.of("Take pve/data and every thin volume on it offline and rebuild its metadata?",
        "Swap pve/data_repaired_meta in as the metadata of pve/data?"), 1, 1);
  }

  @Test
  void theOperatorDeclinesTheSwapAt80x24() throws Exception {
    Screen s = run(80, 24, "operator-declines-swap.scenario.yaml", List.of(answer(YES, "yes"), answer(TYPED, "no")), List.of());
    assertEquals(ExitCodes.ABORTED, s.exit(), s.text());
    noStaleLines(s);
    assertTrue(s.text().contains("to approve, anything else declines: no"), s.text());
    assertTrue(s.text().contains("declined by "), s.text());
    String screen = String.join("\n", s.screen());
    assertTrue(screen.contains("at step `confirm_swap`"), screen);
    assertTrue(screen.contains("Where the host stands now:"), screen);
    assertTrue(screen.contains("pve/data_repaired_meta may exist"), screen);
    assertTrue(screen.contains("runbook resume "), screen);
    assertTrue(screen.contains("--state-dir " + tmp.resolve("state")) || screen.replace("\n", "").contains("--state-dir " + tmp.resolve("state")), screen);
  }

  @Test
  void aDumpFromOtherMetadataStopsAt80x24() throws Exception {
    Screen s = run(80, 24, "transaction-id-mismatch-and-damaged.scenario.yaml", List.of(answer(YES, "yes")), List.of());
    assertEquals(ExitCodes.FAILED, s.exit(), s.text());
    noStaleLines(s);
    String screen = String.join("\n", s.screen());
    // the step that failed, not its group, and the state the playbook says a stop there leaves
    assertTrue(screen.contains("at step `dump_transaction_matches`"), screen);
    assertTrue(screen.replace("\n", " ").contains("do not swap"), screen);
    assertTrue(screen.contains("Where the host stands now:"), screen);
    assertTrue(screen.contains("pve/data_tmeta is inactive again"), screen);
    assertTrue(screen.contains("runbook resume "), screen);
  }
}
