package runbook.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static runbook.table.AlignedTableTest.column;
import static runbook.table.AlignedTableTest.row;
import static runbook.table.Samples.block;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import runbook.model.ColumnType;
import runbook.model.TableFormat;
import runbook.model.TableSpec;

class JsonTableTest {
  private static final String MANUAL = block("lvs-json.txt", "# lvs -o lv_name,lv_size --reportformat json");
  private static final String POOL = block("lvs-json.txt", "# LC_ALL=C lvs -a --reportformat json");

  private static TableSpec json(String path, Map<String, String> renames, Map<String, ColumnType> types) {
    return Samples.spec(TableFormat.JSON, null, path, List.of(), renames, types);
  }

  @Test
  void lvmJsonReportRowsAreStrings() throws TableException {
    Table t = TableParser.parse(POOL, json("report[0].lv", Map.of(), Map.of()));
    assertEquals(List.of("lv_name", "vg_name", "lv_attr", "lv_size", "pool_lv", "data_percent", "metadata_percent",
        "lv_active"), t.columns());
    Map<String, Object> tmeta = row(t, "lv_name", "[data_tmeta]");
    assertEquals("1073741824", tmeta.get("lv_size"));
    assertEquals("", tmeta.get("data_percent"));
    assertEquals("active", tmeta.get("lv_active"));
  }

  @Test
  void typesConvertJsonStrings() throws TableException {
    Table t = TableParser.parse(POOL, json("report[0].lv", Map.of("lv_name", "name"), Map.of("lv_size",
        ColumnType.BYTES, "data_percent", ColumnType.PERCENT, "metadata_percent", ColumnType.PERCENT)));
    assertEquals("name", t.columns().get(0));
    Map<String, Object> pool = row(t, "name", "data");
    assertEquals(1879048192000L, pool.get("lv_size"));
    assertEquals(99.60, pool.get("metadata_percent"));
    assertNull(row(t, "name", "[data_tdata]").get("data_percent"));

    Table manual = TableParser.parse(MANUAL, json("report[0].lv", Map.of(), Map.of("lv_size", ColumnType.BYTES)));
    assertEquals(List.of("lvol1", "lvol0"), column(manual, "lv_name"));
    assertEquals(List.of(4L << 20, 4L << 20), column(manual, "lv_size"));
  }

  @Test
  void jsonStdNumbersAndNullsConvert() throws TableException {
    String std = "{\"report\":[{\"lv\":[{\"lv_name\":\"[data_tmeta]\", \"lv_size\":1073741824, \"data_percent\":null,"
        + " \"lv_active\":1}]}]}";
    Table t = TableParser.parse(std, json("report[0].lv", Map.of(), Map.of("lv_size", ColumnType.BYTES,
        "data_percent", ColumnType.PERCENT, "lv_active", ColumnType.BOOL)));
    assertEquals(Map.of("lv_name", "[data_tmeta]", "lv_size", 1073741824L, "lv_active", true),
        Map.of("lv_name", t.rows().get(0).get("lv_name"), "lv_size", t.rows().get(0).get("lv_size"),
            "lv_active", t.rows().get(0).get("lv_active")));
    assertNull(t.rows().get(0).get("data_percent"));
  }

  @Test
  void untypedJsonValuesStayAsParsedAndTypedOnesMustFit() throws TableException {
    String std = "{\"report\":[{\"lv\":[{\"lv_size\":1073741824, \"lv_tags\":[\"a\"], \"copy_percent\":1.5}]}]}";
    Table t = TableParser.parse(std, json("report[0].lv", Map.of(), Map.of()));
    assertEquals(1073741824L, t.rows().get(0).get("lv_size"));
    assertEquals(List.of("a"), t.rows().get(0).get("lv_tags"));

    TableException list = assertThrows(TableException.class, () -> TableParser.parse(std,
        json("report[0].lv", Map.of(), Map.of("lv_tags", ColumnType.NUMBER))));
    assertEquals("json row `report[0].lv[0]`, column `lv_tags`: expected a number, found a list [\"a\"]",
        list.getMessage());
    TableException fraction = assertThrows(TableException.class, () -> TableParser.parse(std,
        json("report[0].lv", Map.of(), Map.of("copy_percent", ColumnType.INT))));
    assertEquals("json row `report[0].lv[0]`, column `copy_percent`: expected an integer, found 1.5",
        fraction.getMessage());
  }

  @Test
  void pathThatLeadsNowhereSaysWhatIsThere() {
    assertProblem("report[1].lv", "json-path `report[1].lv`: `report` has 1 element(s), so it has no [1]");
    assertProblem("report[0].vg", "json-path `report[0].vg`: `report[0]` has no key `vg`; its keys are: lv");
    assertProblem("report[0]", "json-path `report[0]` leads to an object, expected a list of rows");
    assertProblem("report[x]", "json-path `report[x]`: expected a list index such as [0] at character 7");
    assertProblem("report.lv", "json-path `report.lv`: `report` is a list, not an object, so it has no key `lv`");
  }

  @Test
  void rowsThatAreNotObjectsFail() {
    TableException e = assertThrows(TableException.class, () -> TableParser.parse(MANUAL.replace("{\"lv_name\":\"lvol0\", \"lv_size\":\"4.00m\"}", "3"),
        json("report[0].lv", Map.of(), Map.of())));
    assertEquals("json row `report[0].lv[1]` is a number, expected an object", e.getMessage());
  }

  @Test
  void rowsWithOtherKeysFail() {
    String text = MANUAL.replace("{\"lv_name\":\"lvol0\", \"lv_size\":\"4.00m\"}", "{\"lv_name\":\"lvol0\", \"size\":\"4.00m\"}");
    TableException e = assertThrows(TableException.class, () -> TableParser.parse(text, json("report[0].lv", Map.of(), Map.of())));
    assertEquals("json row `report[0].lv[1]` does not have the keys of the first row: extra size; missing lv_size",
        e.getMessage());
  }

  @Test
  void cellThatDoesNotConvertNamesTheRow() {
    TableException e = assertThrows(TableException.class, () -> TableParser.parse(POOL,
        json("report[0].lv", Map.of(), Map.of("lv_attr", ColumnType.INT))));
    assertEquals("json row `report[0].lv[0]`, column `lv_attr`: expected an integer, found 'twi-aotz--'", e.getMessage());
  }

  @Test
  void invalidJsonNamesTheLine() {
    String text = MANUAL.replace("\"lv_size\":\"4.00m\"}\n", "\"lv_size\":\"4.00m\"},\n");
    TableException e = assertThrows(TableException.class, () -> TableParser.parse(text, json("report[0].lv", Map.of(), Map.of())));
    assertEquals(7, e.line());
    assertEquals("line 7: not valid json: expected a value after ',', found ']' (trailing commas are not json) (column 15):"
        + " `              ]`", e.getMessage());
  }

  private static void assertProblem(String path, String message) {
    TableException e = assertThrows(TableException.class, () -> TableParser.parse(MANUAL, json(path, Map.of(), Map.of())));
    assertEquals(0, e.line());
    assertEquals(message, e.getMessage());
  }
}
