package runbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import runbook.diag.Diagnostic;
import runbook.diag.Diagnostics;

class MappingReaderTest {
  private final Diagnostics diagnostics = new Diagnostics();

  private MappingReader reader(String yaml, List<String> known) throws Exception {
    YamlNode root = YamlDocument.parse("m.yaml", yaml, YamlLimits.DEFAULT).root();
    return MappingReader.of(root, diagnostics, "the test", known);
  }

  private List<String> found() {
    return diagnostics.sorted().stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.rule()).toList();
  }

  @Test
  void unknownKeyGetsTheClosestKnownKey() throws Exception {
    reader("nmae: x\n", List.of("name", "title"));
    Diagnostic d = diagnostics.sorted().get(0);
    assertEquals("unknown-key", d.rule());
    assertEquals("did you mean `name`?", d.hint());
  }

  @Test
  void unknownKeyFarFromEveryKnownKeyListsThem() throws Exception {
    reader("colour: x\n", List.of("name", "title"));
    assertEquals("expected one of: name, title", diagnostics.sorted().get(0).hint());
  }

  @Test
  void typedReadsReportWrongTypesAndGoOn() throws Exception {
    MappingReader m = reader("n: abc\nb: 1\nd: 5 minutes\ns: huge\nl: x\nok: 3\n", List.of("n", "b", "d", "s", "l", "ok"));
    assertNull(m.integer("n"));
    assertNull(m.bool("b"));
    assertNull(m.duration("d"));
    assertNull(m.size("s"));
    assertNull(m.sequence("l"));
    assertEquals(3, m.integer("ok"));
    assertEquals(List.of("1:4 wrong-type", "2:4 wrong-type", "3:4 bad-duration", "4:4 bad-size", "5:4 wrong-type"), found());
  }

  @Test
  void requiredKeyThatIsAbsentIsReportedAtTheMapping() throws Exception {
    MappingReader m = reader("\n\na: 1\n", List.of("a", "b"));
    assertNull(m.requiredString("b"));
    assertEquals(List.of("3:1 missing-key"), found());
  }

  @Test
  void absentOptionalKeyIsNullWithoutADiagnostic() throws Exception {
    MappingReader m = reader("a: 1\n", List.of("a", "b"));
    assertNull(m.template("b"));
    assertEquals(List.of(), m.templates("b"));
    assertEquals(List.of(), found());
  }

  @Test
  void stringOrListReadsBothForms() throws Exception {
    MappingReader m = reader("one: x\nmany: [y, 'z']\n", List.of("one", "many"));
    assertEquals(List.of("x"), m.templates("one").stream().map(t -> t.text()).toList());
    assertEquals("m.yaml:2:12", m.templates("many").get(1).span().toString());
  }

  @Test
  void choiceSuggestsTheClosestValue() throws Exception {
    MappingReader m = reader("mode: delimted\n", List.of("mode"));
    assertNull(m.choice("mode", List.of("aligned", "delimited", "json")));
    assertEquals("did you mean `delimited`?", diagnostics.sorted().get(0).hint());
  }

  @Test
  void readingAnUndeclaredKeyIsAProgrammingError() throws Exception {
    MappingReader m = reader("a: 1\n", List.of("a"));
    assertThrows(IllegalArgumentException.class, () -> m.string("b"));
  }

  @Test
  void nonMappingIsAWrongType() throws Exception {
    assertNull(reader("[1, 2]\n", List.of("a")));
    assertEquals(List.of("1:1 wrong-type"), found());
  }
}
