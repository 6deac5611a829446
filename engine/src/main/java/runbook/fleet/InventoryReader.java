package runbook.fleet;

import runbook.diag.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.model.SourceSpan;
import runbook.parse.YamlDocument;
import runbook.parse.YamlMapping;
import runbook.parse.YamlNode;
import runbook.parse.YamlScalar;
import runbook.parse.YamlSequence;

/**
 * Reads an inventory: our YAML format ({@code fleet: 1}, see docs/fleet.md), an Ansible YAML
 * inventory ({@code all:} with {@code hosts}, {@code vars}, {@code children}) or an Ansible INI
 * inventory ({@code [group]}, {@code [group:vars]}, {@code [group:children]}, host lines with
 * {@code key=value}). Every problem is reported with its {@code file:line:col}.
 */
public final class InventoryReader {
  /** What an unreadable inventory is reported under (docs/fleet.md): not a lint rule, an inventory is no playbook. */
  static final Rule RULE = Rule.error("inventory", "an inventory file cannot be read", Rule.Section.PARSE);
  /** Host names and addresses: what ssh takes as a destination, nothing an option could hide in. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:%\\[\\]-]*");
  private static final Pattern RANGE = Pattern.compile("^(.*)\\[(\\d+):(\\d+)\\](.*)$");

  private final String file;
  private final List<Diagnostic> problems = new ArrayList<>();

  private InventoryReader(String file) {
    this.file = file;
  }

  public static Inventory read(Path path) throws InvalidInputException, IOException {
    String text = Files.readString(path, StandardCharsets.UTF_8);
    InventoryReader r = new InventoryReader(path.toString());
    Inventory inv = looksLikeIni(path, text) ? r.ini(text) : r.yaml(text);
    if (!r.problems.isEmpty()) {
      throw new InvalidInputException(r.problems);
    }
    if (inv.hosts().isEmpty()) {
      throw new InvalidInputException(List.of(RULE.at(new SourceSpan(path.toString(), 1, 1), "the inventory names no host")));
    }
    return inv;
  }

  /** INI by its extension, or by a first meaningful line that is a section or a bare host line. */
  static boolean looksLikeIni(Path path, String text) {
    String n = path.getFileName().toString();
    if (n.endsWith(".ini") || n.endsWith(".cfg")) {
      return true;
    }
    if (n.endsWith(".yaml") || n.endsWith(".yml")) {
      return false;
    }
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";") || t.equals("---")) {
        continue;
      }
      return t.startsWith("[") || !t.contains(":") || t.indexOf('=') >= 0 && t.indexOf('=') < t.indexOf(':');
    }
    return false;
  }

  private void error(SourceSpan span, String message, String hint) {
    Diagnostic d = RULE.at(span, message);
    problems.add(hint == null ? d : d.withHint(hint));
  }

  // ---- YAML: ours and Ansible's ----

  private Inventory yaml(String text) throws InvalidInputException {
    YamlDocument doc = YamlDocument.parse(file, text, runbook.parse.YamlLimits.DEFAULT);
    problems.addAll(doc.diagnostics().stream().filter(d -> d.severity() == runbook.diag.Severity.ERROR).toList());
    Inventory.Builder b = new Inventory.Builder(file);
    if (!(doc.root() instanceof YamlMapping root)) {
      error(doc.root() == null ? new SourceSpan(file, 1, 1) : doc.root().span(), "an inventory is a mapping: `fleet: 1` with `hosts:`, or an Ansible inventory (`all:`)", null);
      return b.build();
    }
    if (root.entry("fleet") != null) {
      ours(root, b);
    } else {
      Map<String, List<Layer>> layers = new LinkedHashMap<>();
      for (YamlMapping.Entry e : root.entries()) {
        ansibleGroup(e.keyText(), e.key().span(), e.value(), new ArrayList<>(), 0, b, layers);
      }
      finishAnsible(b, layers);
    }
    return b.build();
  }

  private void ours(YamlMapping root, Inventory.Builder b) {
    for (YamlMapping.Entry e : root.entries()) {
      switch (e.keyText()) {
        case "fleet" -> {
          if (!(e.value() instanceof YamlScalar s) || !s.value().equals("1")) {
            error(e.value().span(), "unsupported inventory version: expected `fleet: 1`", null);
          }
        }
        case "params", "hosts", "groups" -> { }
        default -> error(e.key().span(), "unknown key `" + e.keyText() + "` in the inventory", "the keys are fleet, params, hosts, groups");
      }
    }
    Map<String, String> common = new LinkedHashMap<>();
    Map<String, SourceSpan> commonSpans = new LinkedHashMap<>();
    if (root.entry("params") != null) {
      stringMap(root.entry("params").value(), common, commonSpans, "params");
    }
    YamlMapping.Entry hosts = root.entry("hosts");
    if (hosts == null || !(hosts.value() instanceof YamlMapping hm)) {
      error(hosts == null ? root.span() : hosts.value().span(), "the inventory needs `hosts:`, a mapping of host names to their settings", null);
      return;
    }
    for (YamlMapping.Entry h : hm.entries()) {
      String name = h.keyText();
      if (!NAME.matcher(name).matches()) {
        error(h.key().span(), "`" + name + "` is no host name", "letters, digits, `.`, `-`, `_`; it may not start with `-`");
        continue;
      }
      String address = null;
      Integer port = null;
      String user = null;
      String command = null;
      Map<String, String> params = new LinkedHashMap<>(common);
      Map<String, SourceSpan> spans = new LinkedHashMap<>(commonSpans);
      if (h.value() instanceof YamlMapping settings) {
        for (YamlMapping.Entry s : settings.entries()) {
          String v = s.value() instanceof YamlScalar sc ? sc.value() : null;
          switch (s.keyText()) {
            case "address" -> address = destination(v, s.value().span());
            case "port" -> port = port(v, s.value().span());
            case "user" -> user = destination(v, s.value().span());
            case "runbook" -> command = v;
            case "params" -> stringMap(s.value(), params, spans, "params");
            default -> error(s.key().span(), "unknown key `" + s.keyText() + "` of host " + name, "a host's keys are address, port, user, runbook, params");
          }
        }
      } else if (!(h.value() instanceof YamlScalar sc && sc.type() == YamlScalar.Type.NULL)) {
        error(h.value().span(), "host " + name + ": expected a mapping (address, port, user, runbook, params) or nothing", null);
      }
      b.hosts.put(name, new Inventory.Host(name, address, port, user, command, params, true, spans, h.key().span()));
    }
    YamlMapping.Entry groups = root.entry("groups");
    if (groups != null) {
      if (!(groups.value() instanceof YamlMapping gm)) {
        error(groups.value().span(), "`groups:` maps each group name to a list of host (or group) names", null);
        return;
      }
      for (YamlMapping.Entry g : gm.entries()) {
        Set<String> members = new LinkedHashSet<>();
        if (!(g.value() instanceof YamlSequence seq)) {
          error(g.value().span(), "group " + g.keyText() + ": expected a list of host (or group) names", null);
          continue;
        }
        for (YamlNode item : seq.items()) {
          String m = item instanceof YamlScalar sc ? sc.value() : null;
          if (m != null && b.hosts.containsKey(m)) {
            members.add(m);
          } else if (m != null && b.groups.containsKey(m)) {
            members.addAll(b.groups.get(m));
          } else {
            error(item.span(), "group " + g.keyText() + " names `" + m + "`, which is no host (nor a group defined above it)", "hosts: " + String.join(", ", b.hosts.keySet()));
          }
        }
        b.groups.put(g.keyText(), List.copyOf(members));
      }
    }
  }

  private void stringMap(YamlNode node, Map<String, String> into, Map<String, SourceSpan> spans, String what) {
    if (!(node instanceof YamlMapping m)) {
      error(node.span(), "`" + what + "` must be a mapping of names to values", null);
      return;
    }
    for (YamlMapping.Entry e : m.entries()) {
      if (e.value() instanceof YamlScalar s && s.type() != YamlScalar.Type.NULL) {
        into.put(e.keyText(), s.value());
        spans.put(e.keyText(), e.key().span());
      } else {
        error(e.value().span(), "param " + e.keyText() + ": expected a single value (text or number)", null);
      }
    }
  }

  private String destination(String v, SourceSpan span) {
    if (v == null || !NAME.matcher(v).matches()) {
      error(span, "`" + v + "` is no host address or user name ssh could take", "letters, digits, `.`, `-`, `_`, `:`; it may not start with `-`");
      return null;
    }
    return v;
  }

  private Integer port(String v, SourceSpan span) {
    try {
      int p = Integer.parseInt(v);
      if (p > 0 && p < 65536) {
        return p;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // reported below
    }
    error(span, "`" + v + "` is no port: expected a number from 1 to 65535", null);
    return null;
  }

  /** A layer of variables a host gets from a group (deeper groups win) or from its own line (wins over all). */
  private record Layer(int depth, Map<String, String> vars, Map<String, SourceSpan> spans) {}

  private void ansibleGroup(String group, SourceSpan where, YamlNode body, List<String> parents, int depth,
      Inventory.Builder b, Map<String, List<Layer>> layers) {
    if (depth > 32) {
      error(where, "group " + group + " nests deeper than 32 levels (a cycle?)", null);
      return;
    }
    List<String> chain = new ArrayList<>(parents);
    chain.add(group);
    b.groups.computeIfAbsent(group, k -> new ArrayList<>());
    if (body instanceof YamlScalar s && s.type() == YamlScalar.Type.NULL) {
      return;
    }
    if (!(body instanceof YamlMapping m)) {
      error(body.span(), "group " + group + ": expected a mapping with hosts, vars, children", null);
      return;
    }
    Map<String, String> vars = new LinkedHashMap<>();
    Map<String, SourceSpan> varSpans = new LinkedHashMap<>();
    for (YamlMapping.Entry e : m.entries()) {
      switch (e.keyText()) {
        case "vars" -> stringMap(e.value(), vars, varSpans, "vars");
        case "hosts", "children" -> { }
        default -> error(e.key().span(), "unknown key `" + e.keyText() + "` of group " + group, "an Ansible group has hosts, vars, children");
      }
    }
    YamlMapping.Entry hosts = m.entry("hosts");
    List<String> direct = new ArrayList<>();
    if (hosts != null && hosts.value() instanceof YamlMapping hm) {
      for (YamlMapping.Entry h : hm.entries()) {
        for (String name : expand(h.keyText(), h.key().span())) {
          Map<String, String> own = new LinkedHashMap<>();
          Map<String, SourceSpan> ownSpans = new LinkedHashMap<>();
          if (!(h.value() instanceof YamlScalar sc && sc.type() == YamlScalar.Type.NULL)) {
            stringMap(h.value(), own, ownSpans, "host " + name);
          }
          if (!b.hosts.containsKey(name)) {
            b.hosts.put(name, new Inventory.Host(name, null, null, null, null, Map.of(), false, Map.of(), h.key().span()));
          }
          layers.computeIfAbsent(name, k -> new ArrayList<>()).add(new Layer(Integer.MAX_VALUE, own, ownSpans));
          direct.add(name);
        }
      }
    } else if (hosts != null && !(hosts.value() instanceof YamlScalar sc && sc.type() == YamlScalar.Type.NULL)) {
      error(hosts.value().span(), "group " + group + ": `hosts` maps host names to their vars", null);
    }
    for (String h : direct) {
      layers.get(h).add(new Layer(depth, vars, varSpans));
      for (String g : chain) {
        List<String> members = b.groups.get(g);
        if (!members.contains(h)) {
          members.add(h);
        }
      }
    }
    YamlMapping.Entry children = m.entry("children");
    if (children != null && children.value() instanceof YamlMapping cm) {
      for (YamlMapping.Entry c : cm.entries()) {
        int before = b.hosts.size();
        ansibleGroup(c.keyText(), c.key().span(), c.value(), chain, depth + 1, b, layers);
        // a child's hosts get this group's vars too, under the child's own
        for (String h : b.groups.get(c.keyText())) {
          layers.get(h).add(new Layer(depth, vars, varSpans));
          for (String g : chain) {
            if (!b.groups.get(g).contains(h)) {
              b.groups.get(g).add(h);
            }
          }
        }
        assert b.hosts.size() >= before;
      }
    }
  }

  /** Hosts get their vars: every layer by depth, the host's own last; ansible_* vars set the connection. */
  private void finishAnsible(Inventory.Builder b, Map<String, List<Layer>> layers) {
    for (Map.Entry<String, List<Layer>> e : layers.entrySet()) {
      List<Layer> ls = new ArrayList<>(e.getValue());
      ls.sort(java.util.Comparator.comparingInt(Layer::depth));
      Map<String, String> vars = new LinkedHashMap<>();
      Map<String, SourceSpan> spans = new LinkedHashMap<>();
      for (Layer l : ls) {
        vars.putAll(l.vars());
        spans.putAll(l.spans());
      }
      Inventory.Host old = b.hosts.get(e.getKey());
      String address = vars.containsKey("ansible_host") ? destination(vars.get("ansible_host"), spans.get("ansible_host")) : null;
      Integer port = vars.containsKey("ansible_port") ? port(vars.get("ansible_port"), spans.get("ansible_port")) : null;
      String user = vars.containsKey("ansible_user") ? destination(vars.get("ansible_user"), spans.get("ansible_user")) : null;
      String command = vars.get("runbook_command");
      Map<String, String> params = new LinkedHashMap<>();
      Map<String, SourceSpan> paramSpans = new LinkedHashMap<>();
      vars.forEach((k, v) -> {
        if (!k.startsWith("ansible_") && !k.equals("runbook_command")) {
          params.put(k, v);
          paramSpans.put(k, spans.get(k));
        }
      });
      b.hosts.put(e.getKey(), new Inventory.Host(old.name(), address, port, user, command, params, false, paramSpans, old.span()));
    }
  }

  /** {@code pve[01:20]}: Ansible's numeric host ranges, zero-padded as written. */
  private List<String> expand(String name, SourceSpan span) {
    Matcher m = RANGE.matcher(name);
    if (!m.matches()) {
      if (!NAME.matcher(name).matches()) {
        error(span, "`" + name + "` is no host name", "letters, digits, `.`, `-`, `_`; it may not start with `-`");
        return List.of();
      }
      return List.of(name);
    }
    int from = Integer.parseInt(m.group(2));
    int to = Integer.parseInt(m.group(3));
    if (to < from || to - from > 10_000) {
      error(span, "the range [" + m.group(2) + ":" + m.group(3) + "] is empty or larger than 10000 hosts", null);
      return List.of();
    }
    List<String> out = new ArrayList<>();
    String format = m.group(2).startsWith("0") ? "%0" + m.group(2).length() + "d" : "%d";
    for (int i = from; i <= to; i++) {
      out.addAll(expand(m.group(1) + String.format(format, i) + m.group(4), span));
    }
    return out;
  }

  // ---- Ansible INI ----

  private Inventory ini(String text) {
    Inventory.Builder b = new Inventory.Builder(file);
    Map<String, List<Layer>> layers = new LinkedHashMap<>();
    Map<String, Map<String, String>> groupVars = new LinkedHashMap<>();
    Map<String, Map<String, SourceSpan>> groupVarSpans = new LinkedHashMap<>();
    Map<String, List<String>> children = new LinkedHashMap<>();
    Map<String, SourceSpan> childSpans = new LinkedHashMap<>();
    String section = "ungrouped";
    String kind = "hosts";
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String t = line.strip();
      int col = line.indexOf(t.isEmpty() ? " " : t.substring(0, 1)) + 1;
      SourceSpan span = new SourceSpan(file, i + 1, Math.max(col, 1));
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
        continue;
      }
      if (t.startsWith("[")) {
        if (!t.endsWith("]")) {
          error(span, "a section header ends with `]`", "e.g. [cluster], [cluster:vars], [cluster:children]");
          continue;
        }
        String inner = t.substring(1, t.length() - 1).strip();
        int colon = inner.indexOf(':');
        section = colon < 0 ? inner : inner.substring(0, colon);
        kind = colon < 0 ? "hosts" : inner.substring(colon + 1);
        if (!kind.equals("hosts") && !kind.equals("vars") && !kind.equals("children")) {
          error(span, "unknown section kind `:" + kind + "`", "a section is [group], [group:vars] or [group:children]");
          kind = "skip";
        }
        b.groups.computeIfAbsent(section, k -> new ArrayList<>());
        continue;
      }
      List<String> words = words(line, span);
      if (words == null || words.isEmpty()) {
        continue;
      }
      switch (kind) {
        case "hosts" -> {
          Map<String, String> own = new LinkedHashMap<>();
          Map<String, SourceSpan> ownSpans = new LinkedHashMap<>();
          for (String w : words.subList(1, words.size())) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
              error(span, "`" + w + "` on the line of host " + words.get(0) + ": expected key=value", null);
              continue;
            }
            own.put(w.substring(0, eq), w.substring(eq + 1));
            ownSpans.put(w.substring(0, eq), new SourceSpan(file, i + 1, Math.max(1, line.indexOf(w.substring(0, eq + 1)) + 1)));
          }
          for (String name : expand(words.get(0), span)) {
            if (!b.hosts.containsKey(name)) {
              b.hosts.put(name, new Inventory.Host(name, null, null, null, null, Map.of(), false, Map.of(), span));
            }
            layers.computeIfAbsent(name, k -> new ArrayList<>()).add(new Layer(Integer.MAX_VALUE, own, ownSpans));
            if (!b.groups.get(section).contains(name)) {
              b.groups.get(section).add(name);
            }
          }
        }
        case "vars" -> {
          int eq = t.indexOf('=');
          if (eq <= 0) {
            error(span, "expected key=value in [" + section + ":vars]", null);
            continue;
          }
          String key = t.substring(0, eq).strip();
          List<String> value = words(t.substring(eq + 1).strip(), span);
          groupVars.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, value == null || value.isEmpty() ? "" : String.join(" ", value));
          groupVarSpans.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, span);
        }
        case "children" -> {
          children.computeIfAbsent(section, k -> new ArrayList<>()).add(t);
          childSpans.put(section + "/" + t, span);
        }
        default -> { }
      }
    }
    // children: a group's hosts include its children's; depth for var precedence: deeper wins
    for (Map.Entry<String, List<String>> c : children.entrySet()) {
      for (String child : c.getValue()) {
        if (!b.groups.containsKey(child)) {
          error(childSpans.get(c.getKey() + "/" + child), "[" + c.getKey() + ":children] names `" + child + "`, which is no group of this inventory", null);
        }
      }
    }
    Map<String, Integer> depth = new LinkedHashMap<>();
    for (String g : b.groups.keySet()) {
      depth.put(g, depthOf(g, children, 0));
    }
    for (String g : new ArrayList<>(b.groups.keySet())) {
      b.groups.put(g, new ArrayList<>(members(g, b.groups, children, 0)));
    }
    b.groups.put("all", new ArrayList<>(b.hosts.keySet()));
    for (String h : b.hosts.keySet()) {
      List<Layer> ls = layers.computeIfAbsent(h, k -> new ArrayList<>());
      Map<String, String> all = groupVars.get("all");
      if (all != null) {
        ls.add(new Layer(-1, all, groupVarSpans.get("all")));
      }
      for (String g : b.groups.keySet()) {
        if (!g.equals("all") && b.groups.get(g).contains(h) && groupVars.containsKey(g)) {
          ls.add(new Layer(depth.get(g), groupVars.get(g), groupVarSpans.get(g)));
        }
      }
    }
    finishAnsible(b, layers);
    return b.build();
  }

  private static int depthOf(String group, Map<String, List<String>> children, int guard) {
    if (guard > 32) {
      return guard;
    }
    int best = 0;
    for (Map.Entry<String, List<String>> c : children.entrySet()) {
      if (c.getValue().contains(group)) {
        best = Math.max(best, 1 + depthOf(c.getKey(), children, guard + 1));
      }
    }
    return best;
  }

  private static Set<String> members(String group, Map<String, List<String>> direct, Map<String, List<String>> children, int guard) {
    Set<String> out = new LinkedHashSet<>(direct.getOrDefault(group, List.of()));
    if (guard < 32) {
      for (String c : children.getOrDefault(group, List.of())) {
        out.addAll(members(c, direct, children, guard + 1));
      }
    }
    return out;
  }

  /** Splits an INI line as Ansible does: whitespace, with '...' and "..." quoting; # starts a comment. */
  private List<String> words(String line, SourceSpan span) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean in = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        in = true;
      } else if (c == '#' && !in) {
        break;
      } else if (Character.isWhitespace(c)) {
        if (in) {
          out.add(cur.toString());
          cur.setLength(0);
          in = false;
        }
      } else {
        cur.append(c);
        in = true;
      }
    }
    if (quote != 0) {
      error(span, "a quote (" + quote + ") is not closed on this line", null);
      return null;
    }
    if (in) {
      out.add(cur.toString());
    }
    return out;
  }
}
