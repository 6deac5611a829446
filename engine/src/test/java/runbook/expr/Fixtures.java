package runbook.expr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.model.Expr;
import runbook.model.SourceSpan;
import runbook.model.Template;

/** A scope with the shapes playbooks see: params, a parse-table result, a run result, env. */
final class Fixtures {
  static final SourceSpan AT = new SourceSpan("p.yaml", 10, 9);

  private Fixtures() {}

  static Expr expr(String source) {
    return new Expr(source, AT);
  }

  static Template template(String text) {
    return new Template(text, AT);
  }

  static Scope scope() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("vg", "pve");
    values.put("pool", "data");
    values.put("count_limit", 3L);
    values.put("nothing", null);
    values.put("lvs", Map.of(
        "rows", List.of(
            Map.of("name", "data", "size", 4096L, "data", 60.5),
            Map.of("name", "vm-100-disk-0", "size", 1024L, "data", 12.25)),
        "count", 2,
        "ok", true));
    values.put("probe", Map.of("rows", List.of(
        Map.of("name", "pve-data-tpool", "open", 0),
        Map.of("name", "pve-vm--100--disk--0", "open", 1))));
    values.put("env", Map.of("HOME", "/root"));
    values.put("nums", List.of(3, 1, 2));
    return Scope.of(values);
  }

  static Scope with(String name, Object value) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(name, value);
    return Scope.of(values);
  }
}
