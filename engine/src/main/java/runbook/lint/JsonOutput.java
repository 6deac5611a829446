package runbook.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostic;
import runbook.json.Json;

/** A JSON list with one object per finding: file, line, column, severity, rule, message, hint. */
final class JsonOutput implements LintOutput {
  @Override
  public String render(LintReport report) {
    List<Object> out = new ArrayList<>();
    for (Diagnostic d : report.findings()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("file", d.span().file());
      o.put("line", (long) d.span().line());
      o.put("column", (long) d.span().column());
      o.put("severity", d.severity().key());
      o.put("rule", d.rule());
      o.put("message", d.message());
      o.put("hint", d.hint());
      out.add(o);
    }
    return Json.writePretty(out) + "\n";
  }
}
