package runbook.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import runbook.model.Param;
import runbook.model.ParamType;
import runbook.model.Playbook;
import runbook.model.SourceSpan;

class ParamBinderTest {
  private static final SourceSpan AT = new SourceSpan("p.yaml", 3, 3);

  private static Playbook playbook(Param... params) {
    Map<String, Param> map = new LinkedHashMap<>();
    for (Param p : params) {
      map.put(p.name(), p);
    }
    return new Playbook("p.yaml", 1, "p", "P", null, List.of(), map, Map.of(), Map.of(), List.of(), List.of("p.yaml"), AT);
  }

  private static Param param(String name, ParamType type, String def, String pattern, List<String> choices, boolean secret) {
    return new Param(name, null, def, type, pattern, choices, secret, null, AT);
  }

  @Test
  void valuesAreConvertedToTheirTypes() throws Exception {
    Playbook pb = playbook(param("n", ParamType.INT, null, null, List.of(), false),
        param("on", ParamType.BOOL, "false", null, List.of(), false),
        param("size", ParamType.SIZE, "4G", null, List.of(), false));
    Map<String, Object> v = ParamBinder.bind(pb, Map.of("n", "42", "on", "true"));
    assertEquals(42L, v.get("n"));
    assertEquals(true, v.get("on"));
    assertEquals("4G", v.get("size"));
  }

  @Test
  void everyProblemIsReportedTogether() {
    Playbook pb = playbook(param("vg", ParamType.STRING, null, "^[a-z]+$", List.of(), false),
        param("n", ParamType.INT, "1", null, List.of(), false),
        param("need", ParamType.STRING, null, null, List.of(), false));
    UsageException e = assertThrows(UsageException.class,
        () -> ParamBinder.bind(pb, Map.of("vg", "a b", "n", "many", "vgg", "x")));
    assertEquals(4, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("unknown param `vgg`; did you mean `vg`?"), e.getMessage());
    assertTrue(e.getMessage().contains("param `vg`: 'a b' does not match the pattern `^[a-z]+$`"), e.getMessage());
    assertTrue(e.getMessage().contains("param `n`: expected an integer, found 'many'"), e.getMessage());
    assertTrue(e.getMessage().contains("missing required param `need`"), e.getMessage());
  }

  @Test
  void aBadSecretValueIsNotEchoed() {
    Playbook pb = playbook(param("token", ParamType.STRING, null, "^[0-9]+$", List.of(), true));
    UsageException e = assertThrows(UsageException.class, () -> ParamBinder.bind(pb, Map.of("token", "letmein")));
    assertTrue(!e.getMessage().contains("letmein") && e.getMessage().contains("***"), e.getMessage());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"--version", "-v", "-", "--", "-rf", "a/b", "a b", "a\nb", "a\u0000b", ""})
  void aNameRefusesWhatACommandWouldReadAsAnOptionOrAPath(String value) {
    Playbook pb = playbook(param("vg", ParamType.NAME, "pve", null, List.of(), false));
    UsageException e = assertThrows(UsageException.class, () -> ParamBinder.bind(pb, Map.of("vg", value)));
    // a NUL is refused before the type is looked at, with its own reason
    assertTrue(e.getMessage().contains("param `vg`")
        && e.getMessage().contains(value.indexOf('\0') >= 0 ? "NUL" : "expected a name"), e.getMessage());
  }

  @Test
  void aNameOrAPathAcceptsOrdinaryValues() throws Exception {
    Playbook pb = playbook(param("vg", ParamType.NAME, null, null, List.of(), false),
        new Param("dir", null, null, ParamType.PATH, null, List.of(), false, "/root", AT));
    assertEquals(Map.of("vg", "my-vg_1.2+x", "dir", "/root/thin-pool-repair/run-1"),
        ParamBinder.bind(pb, Map.of("vg", "my-vg_1.2+x", "dir", "/root/thin-pool-repair/run-1")));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"--output=/etc/shadow", "-x", "/root/../etc", "/etc/x", "relative/x",
      "/rootkit", "/root/a/../../etc", "/root\n/x"})
  void aPathStaysUnderItsDirectoryAndIsNeverAnOption(String value) {
    Playbook pb = playbook(new Param("dir", null, "/root/x", ParamType.PATH, null, List.of(), false, "/root", AT));
    UsageException e = assertThrows(UsageException.class, () -> ParamBinder.bind(pb, Map.of("dir", value)));
    assertTrue(e.getMessage().contains("expected a path"), e.getMessage());
  }
}
