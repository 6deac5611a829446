package runbook.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static runbook.table.AlignedTableTest.column;
import static runbook.table.AlignedTableTest.row;
import static runbook.table.Samples.aligned;
import static runbook.table.Samples.block;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import runbook.model.ColumnType;
import runbook.model.TableFormat;
import runbook.units.Sizes;

class ColumnTypesTest {
  private static final String OPERATOR = block("lvs-a-operator.txt", "# lvs -a");

  @Test
  void decimalCommaSizesParse() throws TableException {
    // the same report printed under a locale whose decimal separator is a comma, as lvm does
    String german = OPERATOR.replace('.', ',');
    Table t = TableParser.parse(german, aligned(Map.of("lsize", ColumnType.BYTES, "data_pct", ColumnType.PERCENT)));
    Map<String, Object> pool = row(t, "lv", "data");
    assertEquals("2,61t", german.lines().skip(1).findFirst().orElseThrow().substring(34, 39));
    assertEquals(Sizes.parseBytes("2.61t"), pool.get("lsize"));
    assertEquals(60.01, pool.get("data_pct"));
  }

  @Test
  void sizesWithRoundingMarksAndUnitsBecomeBytes() throws TableException {
    Table t = TableParser.parse(block("lvs-a-default.txt", "### 4. RHEL"), aligned(Map.of("lsize", ColumnType.BYTES)));
    assertEquals(List.of(8L << 20, Sizes.parseBytes("47.50g"), Sizes.parseBytes("47.50g"), 84L << 20),
        column(t, "lsize"));
  }

  @Test
  void cellThatDoesNotConvertNamesLineColumnAndText() {
    TableException e = assertThrows(TableException.class,
        () -> TableParser.parse(OPERATOR, aligned(Map.of("vg", ColumnType.INT))));
    assertEquals(2, e.line());
    assertEquals("line 2: column `vg`: expected an integer, found 'pve': `" + e.lineText() + "`", e.getMessage());

    TableException size = assertThrows(TableException.class,
        () -> TableParser.parse(OPERATOR, aligned(Map.of("attr", ColumnType.BYTES))));
    assertEquals("line 2: column `attr`: not a size: 'twi-aotz--' (expected a number with an optional unit b, s, k, m, g,"
        + " t, p, e, e.g. 4096, 8.00m, 4G): `" + size.lineText() + "`", size.getMessage());
  }

  @Test
  void typedColumnThatDoesNotExistNamesTheColumns() {
    TableException e = assertThrows(TableException.class,
        () -> TableParser.parse(OPERATOR, aligned(Map.of("size", ColumnType.BYTES))));
    assertEquals("line 1: `types:` names the column `size`, which the table does not have; its columns are: lv, vg,"
        + " attr, lsize, pool, origin, data_pct, meta_pct, move, log, cpy_pct_sync, convert: `" + e.lineText() + "`",
        e.getMessage());
  }

  @Test
  void emptyTypedCellsAreNullAndEmptyStringsStay() throws TableException {
    Table t = TableParser.parse("a|b|c|d|e\n|||| \n", Samples.spec(TableFormat.DELIMITED, "|", null, List.of(),
        Map.of(), Map.of("a", ColumnType.INT, "b", ColumnType.NUMBER, "c", ColumnType.BOOL, "d", ColumnType.BYTES)));
    assertEquals(Arrays.asList(null, null, null, null, ""), new ArrayList<>(t.rows().get(0).values()));
  }

  @Test
  void booleansNumbersAndPercentsConvert() throws TableException {
    String text = "flag|n|p|i\ntrue|1.5|47.44%|-3\nNo|1e3|0,5|+7\ny|.5|100|0\n0|2|2|2\n";
    Table t = TableParser.parse(text, Samples.spec(TableFormat.DELIMITED, "|", null, List.of(), Map.of(), Map.of(
        "flag", ColumnType.BOOL, "n", ColumnType.NUMBER, "p", ColumnType.PERCENT, "i", ColumnType.INT)));
    assertEquals(List.of(true, false, true, false), column(t, "flag"));
    assertEquals(List.of(1.5, 1000.0, 0.5, 2.0), column(t, "n"));
    assertEquals(List.of(47.44, 0.5, 100.0, 2.0), column(t, "p"));
    assertEquals(List.of(-3L, 7L, 0L, 2L), column(t, "i"));
  }

  @Test
  void wrongBooleansAndNumbersFail() {
    assertCellProblem(ColumnType.BOOL, "active", "expected a boolean (true/false, yes/no, y/n, 1/0), found 'active'");
    assertCellProblem(ColumnType.NUMBER, "1.2.3", "expected a number, found '1.2.3'");
    assertCellProblem(ColumnType.PERCENT, "NaN", "expected a percentage, found 'NaN'");
    assertCellProblem(ColumnType.INT, "99999999999999999999", "integer out of range: '99999999999999999999'");
  }

  private static void assertCellProblem(ColumnType type, String cell, String problem) {
    TableException e = assertThrows(TableException.class, () -> TableParser.parse("x\n" + cell + "\n",
        Samples.spec(TableFormat.DELIMITED, "|", null, List.of(), Map.of(), Map.of("x", type))));
    assertEquals("line 2: column `x`: " + problem + ": `" + cell + "`", e.getMessage());
  }

  @Test
  void headerWithoutLettersNeedsColumns() {
    TableException e = assertThrows(TableException.class, () -> TableParser.parse("name|#\na|1\n",
        Samples.spec(TableFormat.DELIMITED, "|", null, List.of(), Map.of(), Map.of())));
    assertEquals("line 1: the header `#` has no letters or digits to name a column; name the columns with"
        + " `columns: [...]`: `name|#`", e.getMessage());
  }

  @Test
  void duplicateNamesFail() {
    TableException e = assertThrows(TableException.class, () -> TableParser.parse("Size|size\n1|2\n",
        Samples.spec(TableFormat.DELIMITED, "|", null, List.of(), Map.of(), Map.of())));
    assertEquals("line 1: two columns are named `size`; give them different names with `columns:`: `Size|size`",
        e.getMessage());
  }

  @Test
  void headersBecomeIdentifiers() {
    assertEquals("data_pct", ColumnNames.normalise("Data%"));
    assertEquals("cpy_pct_sync", ColumnNames.normalise("Cpy%Sync"));
    assertEquals("lsize", ColumnNames.normalise("LSize"));
    assertEquals("open", ColumnNames.normalise("#open"));
    assertEquals("mounted_on", ColumnNames.normalise("Mounted on"));
    assertEquals("pct_used", ColumnNames.normalise("%Used"));
    assertEquals("", ColumnNames.normalise("#"));
  }

  @Test
  void rowsKeepColumnOrderAndRefuseChanges() throws TableException {
    Table t = TableParser.parse(OPERATOR, aligned(Map.of()));
    assertEquals(t.columns(), List.copyOf(t.rows().get(0).keySet()));
    assertThrows(UnsupportedOperationException.class, () -> t.rows().get(0).put("lv", "x"));
  }
}
