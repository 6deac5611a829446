package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evidence of a lost thin device says how the loss was seen. On the real kernel (lab job 13, recorded in
 * the lab-lost-device-snapshot scenarios) an inactive volume's lost device shows only in the device list of a
 * metadata snapshot, and the evidence said the volume "maps more data than the whole pool reports used",
 * which an inactive volume (no Data%) cannot show.
 */
class LostDeviceEvidenceTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String REPAIR = ROOT.resolve("playbooks/thin-pool-metadata-repair.yaml").toString();
  @TempDir Path tmp;
  private CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(tmp);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "lab-lost-device-snapshot-debian12|vm-101-disk-0 (thin id 2: no such device in the metadata snapshot, thin_ls -m)",
      "lab-lost-device-snapshot-debian13|vm-101-disk-0 (thin id 2: no such device in the metadata snapshot, thin_ls -m)",
      "lost-thin-devices-active-pool|(thin id 2: it maps more data than the whole pool reports used)"})
  void theEvidenceSaysHowTheLossWasSeen(String scenario, String expected) throws Exception {
    CliHarness.Result r = cli.run("run", REPAIR, "--simulate",
        ROOT.resolve("playbooks/scenarios/" + scenario + ".scenario.yaml").toString(), "--yes");
    assertTrue(r.out().contains("evidence: thin volumes the pool metadata no longer has: "), r.out());
    assertTrue(r.out().contains(expected), r.out());
    if (scenario.startsWith("lab-")) {
      assertFalse(r.out().contains("maps more data"), r.out());
    }
  }
}
