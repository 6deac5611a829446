package runbook.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import runbook.exec.UsageException;
import runbook.model.SourceSpan;

/**
 * The hosts of a fleet, in file order, and its groups ({@link InventoryReader} reads them from our
 * YAML format or from an Ansible inventory).
 *
 * @param hosts every host by name, in the order the file first names them
 * @param groups every group by name: its hosts, children resolved
 */
public record Inventory(String file, Map<String, Host> hosts, Map<String, List<String>> groups) {
  /**
   * One host.
   *
   * @param name what the operator calls it (the ssh destination unless {@code address} is given)
   * @param address {@code HostName} for ssh, or null (ssh resolves {@code name}, ~/.ssh/config applies)
   * @param port null for ssh's default (or the config's)
   * @param user null for ssh's default (or the config's)
   * @param command the engine's command on the host ({@code runbook} unless set)
   * @param params the host's params: its own over its groups' over every host's
   * @param strict whether every param must be one the playbook declares (our format), or only those
   *     it declares are taken (an Ansible inventory's vars are for many things)
   * @param paramSpans where each param was set, for errors
   */
  public record Host(String name, String address, Integer port, String user, String command,
      Map<String, String> params, boolean strict, Map<String, SourceSpan> paramSpans, SourceSpan span) {
    /** The ssh destination. */
    public String destination() {
      return address != null ? address : name;
    }
  }

  /**
   * The hosts {@code limit} names (host or group names, comma-separated), in inventory order; every
   * host when {@code limit} is null.
   */
  public List<Host> select(String limit) throws UsageException {
    if (limit == null || limit.isBlank()) {
      return List.copyOf(hosts.values());
    }
    Set<String> chosen = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (String part : limit.split(",")) {
      String name = part.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (hosts.containsKey(name)) {
        chosen.add(name);
      } else if (groups.containsKey(name)) {
        chosen.addAll(groups.get(name));
      } else {
        problems.add("--limit names `" + name + "`, which is no host or group of " + file
            + "; its groups: " + (groups.isEmpty() ? "(none)" : String.join(", ", groups.keySet())));
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    List<Host> out = new ArrayList<>();
    for (Host h : hosts.values()) {
      if (chosen.contains(h.name())) {
        out.add(h);
      }
    }
    if (out.isEmpty()) {
      throw new UsageException(List.of("--limit " + limit + " selects no host of " + file));
    }
    return out;
  }

  /** A mutable builder the readers fill. */
  static final class Builder {
    final String file;
    final Map<String, Host> hosts = new LinkedHashMap<>();
    final Map<String, List<String>> groups = new LinkedHashMap<>();

    Builder(String file) {
      this.file = file;
    }

    Inventory build() {
      return new Inventory(file, hosts, groups);
    }
  }
}
