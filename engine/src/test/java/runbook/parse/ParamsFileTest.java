package runbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.diag.InvalidInputException;

class ParamsFileTest {
  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path f = dir.resolve("params.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void valuesKeepTheirTextAndPosition() throws Exception {
    Path f = write("vg: pve\nsize: 4G\ncount: 3\nnote: \"a b\"\n");
    Map<String, ParamsFile.Value> values = ParamsFile.read(f);
    assertEquals(List.of("vg", "size", "count", "note"), List.copyOf(values.keySet()));
    assertEquals("3", values.get("count").text());
    assertEquals("a b", values.get("note").text());
    assertEquals(f + ":4:8", values.get("note").span().toString());
  }

  @Test
  void emptyFileHasNoValues() throws Exception {
    assertEquals(Map.of(), ParamsFile.read(write("")));
  }

  @Test
  void everyBadEntryIsReportedTogether() throws Exception {
    Path f = write("vg: [a, b]\nbad-name: x\nvg: again\nempty:\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParamsFile.read(f));
    assertEquals(List.of("1:5 wrong-type", "2:1 bad-name", "3:1 duplicate-key", "4:7 wrong-type"),
        e.diagnostics().stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.rule()).toList());
  }

  @Test
  void aListIsNotAParamsFile() throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParamsFile.read(write("- a\n")));
    assertEquals("wrong-type", e.diagnostics().get(0).rule());
  }
}
