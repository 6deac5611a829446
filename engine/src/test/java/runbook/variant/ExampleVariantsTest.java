package runbook.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import runbook.model.Command;
import runbook.model.ConfirmStep;
import runbook.model.ParseTableStep;
import runbook.model.Playbook;
import runbook.model.Probe;
import runbook.model.RequireStateStep;
import runbook.model.RunStep;
import runbook.model.Step;
import runbook.model.Template;

/** The variants shipped under {@code examples/} resolve onto the shipped repair and keep their promises. */
class ExampleVariantsTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", ".."));
  private static final Path REPAIR = ROOT.resolve("playbooks/thin-pool-metadata-repair.yaml").normalize();

  private static Playbook example(String name) {
    return PatchOperationsTest.loadPath(ROOT.resolve("examples/" + name + "/" + name + ".yaml"));
  }

  @Test
  void everyExampleVariantResolvesOntoTheShippedRepair() throws IOException {
    List<Path> variants = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ROOT.resolve("examples"))) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        variants.add(dir.resolve(dir.getFileName() + ".yaml"));
      }
    }
    assertTrue(variants.size() >= 3, "found " + variants);
    for (Path v : variants) {
      Playbook p = PatchOperationsTest.loadPath(v);
      assertEquals(List.of(v.toString(), REPAIR.toString()), p.sources(), v.toString());
    }
  }

  @Test
  void diagnoseOnlyChangesNothingAndAsksNothing() {
    Playbook p = example("diagnose-only");
    for (Step s : p.allSteps()) {
      assertFalse(s.changes(), s.id() + " changes the system");
      assertFalse(s instanceof ConfirmStep, s.id() + " asks the operator");
    }
    Step verdict = p.steps().get(p.steps().size() - 1);
    assertEquals("pool_is_healthy", verdict.id());
    assertTrue(verdict instanceof RequireStateStep, "needs attention ends the run with exit code 3");
  }

  @Test
  void rhelHostUsesItsOwnNamesAndRunsNoProxmoxCommand() {
    Playbook p = example("rhel-host");
    assertEquals("rhel", p.params().get("vg").defaultValue());
    assertEquals("pool00", p.params().get("pool").defaultValue());
    assertEquals("/var/backups/lvm-thin", p.params().get("dump_dir").defaultValue());
    for (String line : commandLines(p)) {
      for (String proxmox : List.of("qm ", "pct ", "pvesh ", "pvenode ", "pvesm ")) {
        assertFalse(line.startsWith(proxmox) || line.contains("\n" + proxmox) || line.contains("; " + proxmox)
            || line.contains(" " + proxmox.strip() + " "), "a Proxmox command: " + line);
      }
    }
    assertTrue(p.step("thin_tools_are_1x").isPresent());
  }

  @Test
  void proxmoxClusterNeedsATicketAndStartsOnlyWhatItStopped() {
    Playbook p = example("proxmox-cluster");
    assertTrue(p.params().get("ticket").required());
    assertEquals("^CHG[0-9]{6}$", p.params().get("ticket").pattern());
    List<String> order = p.allSteps().stream().map(Step::id).toList();
    assertTrue(order.indexOf("confirm_offline") < order.indexOf("confirm_stop_cluster_guests"));
    assertTrue(order.indexOf("confirm_stop_cluster_guests") < order.indexOf("stop_vms"));
    assertTrue(order.indexOf("pool_is_clean") < order.indexOf("start_vms"));
    assertFalse(order.contains("thin_volumes_closed"), "the shipped check with its opt-in shutdown is replaced");
    RunStep stop = (RunStep) p.step("stop_vms").orElseThrow();
    RunStep start = (RunStep) p.step("start_vms").orElseThrow();
    assertEquals(stop.command().stdin().text(), start.command().stdin().text());
  }

  /** Every command line of the playbook: run steps, tables and probes, lines and argument lists. */
  private static List<String> commandLines(Playbook p) {
    List<String> out = new ArrayList<>();
    for (Step s : p.allSteps()) {
      if (s instanceof RunStep r) {
        out.add(line(r.command()));
      } else if (s instanceof ParseTableStep t && t.table().run() != null) {
        out.add(line(t.table().run()));
      } else if (s instanceof RequireStateStep rs) {
        if (rs.probe() instanceof Probe.RunProbe rp) {
          out.add(line(rp.command()));
        } else if (rs.probe() instanceof Probe.TableProbe tp && tp.table().run() != null) {
          out.add(line(tp.table().run()));
        }
      }
    }
    return out;
  }

  private static String line(Command c) {
    return c.line() != null ? c.line().text() : String.join(" ", c.args().stream().map(Template::text).toList());
  }
}
