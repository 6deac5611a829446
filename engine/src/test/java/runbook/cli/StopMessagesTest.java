package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stop of the shipped repair says exactly what the run did. The class of failure: a stop message, or the
 * "Where the host stands now" text, that says "Nothing has been changed" after the run wrote something (a
 * backup folder and a vgcfgbackup before the leaked-blocks path found no room for its raw copy; a metadata
 * snapshot taken and released before a stop on lost devices). Every shipped scenario is rehearsed with every
 * confirm approved: when the end of the run claims that nothing was changed, no changing command may have run.
 */
class StopMessagesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String REPAIR = ROOT.resolve("playbooks/thin-pool-metadata-repair.yaml").toString();
  /** Commands of the repair that change the host (the engine prints each as it runs it: `$ command`). */
  private static final Pattern CHANGE = Pattern.compile(
      "(?m)^\\s+\\$ (mkdir -p|vgcfgbackup|vgcfgrestore|dd if=|lvextend|lvcreate|lvconvert|lvrename|thin_restore"
          + "|dmsetup message|lvchange -ay (?!-y )|lvchange -an --select)[^\\n]*");
  /** The line that ends the step that ran a command: `ok  <id>`, `failed  <id>`. */
  private static final Pattern STATUS = Pattern.compile("(?m)^\\s+(ok|failed|aborted)\\s+\\S+");
  /** An unqualified claim: "Nothing has been changed" that does not go on to name what was. */
  private static final Pattern NOTHING = Pattern.compile("Nothing has been changed(?! (?:to reach|yet))");
  @TempDir Path tmp;

  static Stream<String> scenarios() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("playbooks/scenarios"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".scenario.yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void aStopThatSaysNothingChangedRanNoChangingCommand(String scenario) throws Exception {
    CliHarness.Result r = new CliHarness(tmp).run("run", REPAIR, "--simulate",
        ROOT.resolve("playbooks/scenarios/" + scenario).toString(), "--yes");
    String all = r.all();
    int end = Math.max(all.lastIndexOf("\nrun aborted"), all.lastIndexOf("\nrun failed"));
    if (end < 0) {
      return; // the run succeeded: no stop to check
    }
    String ending = endingClaims(all.substring(end));
    if (NOTHING.matcher(ending).find()) {
      String log = all.substring(0, end);
      Matcher m = CHANGE.matcher(log);
      // a changing command that failed changed nothing (the kernel refused a metadata snapshot, say): count the
      // ones whose step ended ok
      List<String> changed = m.results()
          .filter(x -> {
            Matcher st = STATUS.matcher(log);
            return st.find(x.end()) && st.group(1).equals("ok");
          })
          .map(x -> x.group().strip()).toList();
      assertEquals(List.of(), changed, scenario + ": the stop says nothing was changed, but the run ran:\n" + ending);
    }
  }

  @Test
  void noRoomForTheRawCopyNamesWhatWasWritten() throws IOException {
    String ending = stop("leaked-blocks-no-room-for-backup");
    assertFalse(NOTHING.matcher(ending).find(), ending);
    assertTrue(ending.contains("/root/thin-pool-repair/pve-data-20261203T091500Z"), ending);
    assertTrue(ending.contains("pve.before.vg"), ending);
    assertTrue(ending.contains("No LV was touched"), ending);
  }

  @Test
  void aStopAfterAMetadataSnapshotSaysItWasTakenAndReleased() throws IOException {
    String ending = stop("lab-lost-device-snapshot-debian13");
    assertFalse(NOTHING.matcher(ending).find(), ending);
    assertTrue(ending.contains("a metadata snapshot of pve/data was taken (a few metadata blocks written) and released"), ending);
  }

  private String stop(String scenario) throws IOException {
    CliHarness.Result r = new CliHarness(tmp).run("run", REPAIR, "--simulate",
        ROOT.resolve("playbooks/scenarios/" + scenario + ".scenario.yaml").toString(), "--yes");
    assertEquals(3, r.code(), r.all());
    String all = r.all();
    return endingClaims(all.substring(all.lastIndexOf("\nrun aborted")));
  }

  /** The stop's message and the state the host is in (not the step's doc, which speaks of the general case). */
  private static String endingClaims(String ending) {
    int doc = ending.indexOf("\nWhat to do:");
    int state = ending.indexOf("\nWhere the host stands now:");
    int resume = ending.indexOf("\nTo continue this run");
    String message = doc < 0 ? ending : ending.substring(0, doc);
    String where = state < 0 ? "" : ending.substring(state, resume < 0 ? ending.length() : resume);
    return message + where;
  }
}
