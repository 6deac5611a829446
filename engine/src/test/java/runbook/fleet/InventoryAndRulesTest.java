package runbook.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.diag.InvalidInputException;
import runbook.exec.UsageException;

/** Inventories as sites have them (ours, Ansible INI and YAML), --limit, and the rate rules' arithmetic. */
class InventoryAndRulesTest {
  @TempDir Path tmp;

  @Test
  void ourFormatWithGroupsAndParamsPerHost() throws Exception {
    Path f = Files.writeString(tmp.resolve("fleet.yaml"), """
        fleet: 1
        params: {vg: pve, pool: data}
        hosts:
          pve1: {address: 192.0.2.11, user: root, params: {pool: tank}}
          pve2: {address: 192.0.2.12, port: 2222}
          pve3:
        groups:
          canary: [pve1]
          rest: [pve2, pve3]
          all_of_them: [canary, rest]
        """);
    Inventory inv = InventoryReader.read(f);
    assertEquals(List.of("pve1", "pve2", "pve3"), List.copyOf(inv.hosts().keySet()));
    Inventory.Host h1 = inv.hosts().get("pve1");
    assertEquals("192.0.2.11", h1.destination());
    assertEquals("root", h1.user());
    assertEquals(Map.of("vg", "pve", "pool", "tank"), h1.params());
    assertEquals(2222, inv.hosts().get("pve2").port());
    assertEquals("pve3", inv.hosts().get("pve3").destination());
    assertEquals(List.of("pve2", "pve3"), inv.select("rest").stream().map(Inventory.Host::name).toList());
    assertEquals(List.of("pve1", "pve3"), inv.select("pve3,canary").stream().map(Inventory.Host::name).toList(), "inventory order");
    assertEquals(3, inv.select("all_of_them").size());
    UsageException e = assertThrows(UsageException.class, () -> inv.select("rack9"));
    assertTrue(e.problems().get(0).contains("canary, rest, all_of_them"), e.problems().toString());
  }

  @Test
  void errorsNameTheirPlace() throws Exception {
    Path f = Files.writeString(tmp.resolve("bad.yaml"), """
        fleet: 1
        hosts:
          pve1: {address: "-oProxyCommand=evil", port: 70000}
          pve2: {adress: 192.0.2.1}
        groups:
          g: [pve9]
        """);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> InventoryReader.read(f));
    List<String> where = e.diagnostics().stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.message()).toList();
    assertEquals(4, where.size(), where.toString());
    assertTrue(where.get(0).startsWith("3:19 "), where.toString()); // the address that would be an ssh option
    assertTrue(where.get(1).startsWith("3:48 ") && where.get(1).contains("no port"), where.toString());
    assertTrue(where.get(2).startsWith("4:10 ") && where.get(2).contains("adress"), where.toString());
    assertTrue(where.get(3).startsWith("6:7 ") && where.get(3).contains("pve9"), where.toString());
    assertTrue(e.diagnostics().get(0).span().file().endsWith("bad.yaml"));
  }

  @Test
  void ansibleIniAsSitesWriteIt() throws Exception {
    Path f = Files.writeString(tmp.resolve("hosts"), """
        # Proxmox nodes
        [pve]
        pve[01:03] ansible_user=root
        pve-old ansible_host=192.0.2.50 ansible_port=2222 pool="old data"

        [pve:vars]
        vg=pve
        pool=data

        [ceph]
        pve02

        [ceph:vars]
        pool=ceph

        [cluster:children]
        pve
        """);
    Inventory inv = InventoryReader.read(f);
    assertEquals(List.of("pve01", "pve02", "pve03", "pve-old"), List.copyOf(inv.hosts().keySet()));
    Inventory.Host old = inv.hosts().get("pve-old");
    assertEquals("192.0.2.50", old.destination());
    assertEquals(2222, old.port());
    assertEquals("old data", old.params().get("pool"), "the host's own var wins");
    assertEquals("root", inv.hosts().get("pve01").user());
    assertEquals("data", inv.hosts().get("pve01").params().get("pool"));
    assertEquals("pve", inv.hosts().get("pve01").params().get("vg"));
    assertEquals(List.of("pve01", "pve02", "pve03", "pve-old"), inv.groups().get("cluster"));
    assertEquals(List.of("pve02"), inv.select("ceph").stream().map(Inventory.Host::name).toList());
    assertNull(inv.hosts().get("pve01").port());
  }

  @Test
  void ansibleYamlWithChildrenAndVars() throws Exception {
    Path f = Files.writeString(tmp.resolve("inventory.yml"), """
        all:
          vars:
            vg: pve
          children:
            proxmox:
              vars:
                pool: data
              hosts:
                node1:
                  ansible_host: 192.0.2.21
                node2:
                  ansible_host: 192.0.2.22
                  ansible_user: admin
                  pool: fast
            backup:
              hosts:
                node3:
        """);
    Inventory inv = InventoryReader.read(f);
    assertEquals(List.of("node1", "node2", "node3"), List.copyOf(inv.hosts().keySet()));
    assertEquals(Map.of("vg", "pve", "pool", "data"), inv.hosts().get("node1").params());
    assertEquals(Map.of("vg", "pve", "pool", "fast"), inv.hosts().get("node2").params());
    assertEquals("admin", inv.hosts().get("node2").user());
    assertEquals(List.of("node1", "node2"), inv.select("proxmox").stream().map(Inventory.Host::name).toList());
    assertEquals(3, inv.select("all").size());
  }

  @Test
  void batchesAndLimitsFollowTheDocumentedArithmetic() throws Exception {
    RateRules r = RateRules.parse("1,5,25%", "10%", "10%", "2", 50);
    assertEquals(List.of(1, 5, 13), r.batchSizes(), "25% of 50 rounds up to 13");
    List<Integer> hosts = java.util.stream.IntStream.rangeClosed(1, 50).boxed().toList();
    assertEquals(List.of(1, 5, 13, 13, 13, 5), r.batches(hosts).stream().map(List::size).toList(), "the last size repeats");
    assertEquals(5, r.maxParallel(), "10% of 50, rounded up");
    assertEquals(5, r.maxFailures(), "10% of 50, rounded down: the 6th failure stops");
    assertEquals(2, r.maxUnreachable());
    RateRules small = RateRules.parse("1%", "1%", "10%", null, 7);
    assertEquals(List.of(1), small.batchSizes(), "a percentage is at least one host");
    assertEquals(1, small.maxParallel());
    assertEquals(0, small.maxFailures(), "10% of 7 rounds down to 0: the first failure stops");
    assertEquals(0, small.maxUnreachable(), "default 0");
    RateRules all = RateRules.parse(null, null, null, null, 7);
    assertEquals(List.of(7), all.batchSizes());
    UsageException e = assertThrows(UsageException.class, () -> RateRules.parse("0,x", "0", "-1", "150%", 10));
    assertEquals(5, e.problems().size(), e.problems().toString());
  }
}
