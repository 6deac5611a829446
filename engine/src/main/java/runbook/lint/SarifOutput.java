package runbook.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.json.Json;
import runbook.diag.Rule;

/**
 * SARIF 2.1.0, as code scanning reads it: one run whose driver lists every rule, one result per
 * finding, locations relative to {@code %SRCROOT%} (the directory lint ran in).
 */
final class SarifOutput implements LintOutput {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String SRCROOT = "%SRCROOT%";

  @Override
  public String render(LintReport report) {
    List<Object> rules = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (Rule r : LintRules.all().values()) {
      index.put(r.id(), rules.size());
      rules.add(map(
          "id", r.id(),
          "name", r.id(),
          "shortDescription", map("text", r.summary()),
          "helpUri", r.docs(),
          "defaultConfiguration", map("level", level(r.severity()))));
    }
    List<Object> results = new ArrayList<>();
    for (Diagnostic d : report.findings()) {
      Map<String, Object> result = map(
          "ruleId", d.rule(),
          "level", level(d.severity()),
          "message", map("text", d.hint() == null ? d.message() : d.message() + " (" + d.hint() + ")"),
          "locations", List.of(map("physicalLocation", map(
              "artifactLocation", artifact(d.span().file()),
              "region", map("startLine", (long) d.span().line(), "startColumn", (long) d.span().column())))));
      Integer i = index.get(d.rule());
      if (i != null) {
        result.put("ruleIndex", (long) i);
      }
      results.add(result);
    }
    Map<String, Object> driver = map("name", "runbook", "rules", rules);
    String version = SarifOutput.class.getPackage().getImplementationVersion();
    if (version != null) {
      driver.put("version", version);
    }
    Map<String, Object> run = map(
        "tool", map("driver", driver),
        "columnKind", "unicodeCodePoints",
        "results", results);
    return Json.writePretty(map("$schema", SCHEMA, "version", "2.1.0", "runs", List.of(run))) + "\n";
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /** A relative path becomes a URI reference against {@code %SRCROOT%}; any other an absolute file URI. */
  private static Map<String, Object> artifact(String file) {
    Path p = Path.of(file).normalize();
    Path cwd = Path.of("").toAbsolutePath();
    if (p.isAbsolute() && p.startsWith(cwd)) {
      p = cwd.relativize(p);
    }
    if (p.isAbsolute()) {
      return map("uri", p.toUri().toString());
    }
    StringBuilder relative = new StringBuilder();
    for (Path part : p) {
      if (relative.length() > 0) {
        relative.append('/');
      }
      relative.append(encode(part.toString()));
    }
    return map("uri", relative.toString(), "uriBaseId", SRCROOT);
  }

  private static String encode(String segment) {
    StringBuilder b = new StringBuilder();
    for (byte c : segment.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int u = c & 0xff;
      if (Character.isLetterOrDigit(u) && u < 128 || "-._~".indexOf(u) >= 0) {
        b.append((char) u);
      } else {
        b.append('%').append(String.format("%02X", u));
      }
    }
    return b.toString();
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
