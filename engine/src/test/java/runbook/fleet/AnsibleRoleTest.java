package runbook.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's Ansible role ({@code ansible/roles/runbook_run}) run by Debian's
 * {@code ansible-playbook} against real OpenSSH servers ({@link SshHosts}), each host rehearsing
 * the shipped repair with its own scenario. It proves each host's run happened on that host, once,
 * under async and poll; that a failing host names its run id and the resume command; and what
 * {@code max_fail_percentage} does per batch: 1 of 3 failed (33 %) is within 34 %, 2 of 3 (67 %)
 * stops the play, and the hosts of later batches never run.
 */
class AnsibleRoleTest {
  @TempDir static Path tmp;
  static SshHosts hosts;
  static final Path ROLES = Path.of("../ansible/roles").toAbsolutePath().normalize();
  static final Path REPAIR = Path.of("../playbooks/thin-pool-metadata-repair.yaml").toAbsolutePath().normalize();
  static final Path SCENARIOS = Path.of("../playbooks/scenarios");

  @BeforeAll
  static void hosts() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/ansible-playbook"))) {
      throw new IllegalStateException("the Ansible role's test needs Debian's ansible-core: apt-get install ansible-core");
    }
    hosts = new SshHosts(tmp.resolve("lab"), "ans", 8, 203);
  }

  @AfterAll
  static void stop() throws Exception {
    if (hosts != null) {
      hosts.close();
    }
  }

  record Result(int code, String out) {}

  static Result ansiblePlaybook(Path play, Path inventory) throws IOException, InterruptedException {
    Path home = Files.createDirectories(tmp.resolve("ansible-home"));
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/ansible-playbook", "-i", inventory.toString(), play.toString())
        .redirectErrorStream(true).redirectInput(new java.io.File("/dev/null"));
    Map<String, String> env = pb.environment();
    env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("HOME", home.toString());
    env.put("ANSIBLE_HOME", home.toString());
    env.put("ANSIBLE_ROLES_PATH", ROLES.toString());
    env.put("ANSIBLE_LOCAL_TEMP", home.resolve("tmp").toString());
    env.put("ANSIBLE_SSH_CONTROL_PATH_DIR", home.resolve("cp").toString());
    env.put("ANSIBLE_SSH_ARGS", "-o ControlMaster=auto -o ControlPersist=10s");
    env.put("ANSIBLE_NOCOLOR", "1");
    env.put("ANSIBLE_RETRY_FILES_ENABLED", "false");
    env.put("ANSIBLE_FORKS", "10");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    System.out.println("$ ansible-playbook -i " + inventory + " " + play + "\n" + out + "exit " + p.exitValue());
    return new Result(p.exitValue(), out);
  }

  /** The host's rehearsed runs of the repair (its state directory holds one directory per run). */
  static List<Path> runs(String host) throws IOException {
    Path runs = hosts.state(host).resolve("runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (var list = Files.list(runs)) {
      return list.filter(d -> d.getFileName().toString().contains("thin-pool-metadata-repair")).toList();
    }
  }

  static String recap(String out, String host) {
    Matcher m = Pattern.compile("(?m)^" + host + "\\s*:\\s*(.*)$").matcher(out);
    return m.find() ? m.group(1).replaceAll("\\s+", " ") : "";
  }

  @Test
  void serialBatchesAndMaxFailPercentagePerBatch() throws Exception {
    // batch 1: ans01; batch 2: ans02-04 (1 fails); batch 3: ans05-07 (2 fail); batch 4: ans08
    String[] scenario = {"full-extend-succeeds", "healthy", "vg-too-small", "needs-check", "unsupported-shared-vg",
        "full-extend-succeeds", "vg-too-small", "healthy"};
    Path sim = Files.createDirectories(tmp.resolve("sim"));
    StringBuilder inv = new StringBuilder("[pve]\n");
    for (int i = 1; i <= scenario.length; i++) {
      String name = hosts.names.get(i - 1);
      Files.copy(SCENARIOS.resolve(scenario[i - 1] + ".scenario.yaml"), sim.resolve(name + ".scenario.yaml"));
      inv.append(name).append('\n');
    }
    inv.append("\n[pve:vars]\nansible_user=root\nansible_python_interpreter=/usr/bin/python3\n")
        .append("ansible_ssh_common_args='-F ").append(hosts.sshConfig).append("'\n")
        .append("ansible_remote_tmp=").append(tmp.resolve("remote-tmp")).append('\n')
        .append("ansible_ssh_transfer_method=piped\n") // the test's sshd serves no sftp
        .append("ansible_async_dir=").append(tmp.resolve("async")).append('\n');
    Path inventory = Files.writeString(tmp.resolve("inventory.ini"), inv.toString());
    Path play = Files.writeString(tmp.resolve("play.yml"), String.join("\n",
        "- name: Rehearse the repair",
        "  hosts: pve",
        "  gather_facts: false",
        "  serial: [1, 3]",
        "  max_fail_percentage: 34",
        "  roles:",
        "    - role: runbook_run",
        "      vars:",
        "        runbook_playbook: " + REPAIR,
        "        runbook_params: {vg: pve, pool: data}",
        "        runbook_yes: true",
        "        runbook_simulate_dir: " + sim,
        "        runbook_async: 600",
        "        runbook_poll: 2",
        ""));
    Result r = ansiblePlaybook(play, inventory);
    assertEquals(2, r.code(), "ansible-playbook: some hosts failed");
    // every host of batches 1-3 ran once, on itself; batch 4 never started
    for (int i = 1; i <= 7; i++) {
      assertEquals(1, runs(hosts.names.get(i - 1)).size(), "ans0" + i + " ran once");
    }
    assertEquals(0, runs("ans08").size(), "batch 4 never started: 2 of 3 failed in batch 3 (67 % > 34 %)");
    assertTrue(recap(r.out(), "ans01").contains("failed=0"), recap(r.out(), "ans01"));
    assertTrue(recap(r.out(), "ans03").contains("failed=1"), recap(r.out(), "ans03"));
    assertTrue(recap(r.out(), "ans04").contains("failed=0"), "batch 2 went on: 1 of 3 (33 %) is not more than 34 %");
    assertTrue(recap(r.out(), "ans05").contains("failed=1"));
    assertTrue(recap(r.out(), "ans07").contains("failed=1"));
    assertEquals("", recap(r.out(), "ans08"), "ans08 is in no batch that ran");
    // the failing host names its run on the host and the command that continues it
    String run03 = runs("ans03").get(0).getFileName().toString();
    assertTrue(r.out().contains("run " + run03 + " on ans03 aborted (exit 3)"), r.out());
    assertTrue(r.out().contains("`runbook resume " + run03 + "` continues it"), r.out());
    assertTrue(r.out().contains("precondition not met"), "why, from the run's own output");
    // each run was the host's scenario: the journal says simulated, params arrived from the file
    String journal = Files.readString(runs("ans01").get(0).resolve("journal.jsonl"));
    assertTrue(journal.contains("\"simulated\":true"), journal);
    assertTrue(journal.contains("\"run-finished\"") && journal.contains("\"outcome\":\"succeeded\""));
  }
}
