package runbook.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.cli.Main;

class FleetSmokeTest {
  @Test
  void twoHosts(@TempDir Path tmp) throws Exception {
    try (SshHosts hosts = new SshHosts(tmp, "pve", 2, 201)) {
      Path sim = Files.createDirectories(tmp.resolve("sim"));
      Path scen = Path.of("../playbooks/scenarios");
      Files.copy(scen.resolve("healthy.scenario.yaml"), sim.resolve("pve01.scenario.yaml"));
      Files.copy(scen.resolve("account-pve-99.6.scenario.yaml"), sim.resolve("pve02.scenario.yaml"));
      Path inv = tmp.resolve("inventory.yaml");
      Files.writeString(inv, "fleet: 1\nhosts:\n  pve01:\n  pve02:\n");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      long t0 = System.nanoTime();
      int code = Main.execute(new String[] {"fleet", "run", "-i", inv.toString(), "../playbooks/thin-pool-metadata-repair.yaml",
          "--simulate", sim.toString(), "--yes", "--ssh-config", hosts.sshConfig.toString(), "--state-dir", tmp.resolve("ctl").toString()},
          new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), Map.of());
      System.out.println(out + "\n--- err\n" + err + "\n" + (System.nanoTime() - t0) / 1_000_000 + " ms");
      assertEquals(0, code);
    }
  }
}
