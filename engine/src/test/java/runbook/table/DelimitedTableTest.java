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

class DelimitedTableTest {
  private static final String LVS = block("lvs-separator-units-b.txt", "# LC_ALL=C lvs -a --noheadings --separator '|'");
  private static final TableSpec LVS_SPEC = Samples.spec(TableFormat.DELIMITED, "|", null,
      List.of("name", "vg", "attr", "size", "pool", "data", "meta", "active"), Map.of(),
      Map.of("size", ColumnType.BYTES, "data", ColumnType.PERCENT, "meta", ColumnType.PERCENT));

  @Test
  void fieldsSplitOnTheLiteralSeparatorKeepEmptyFields() throws TableException {
    Table t = TableParser.parse(LVS, LVS_SPEC);
    assertEquals(8, t.rows().size());
    Map<String, Object> pool = row(t, "name", "data");
    assertEquals(1879048192000L, pool.get("size"));
    assertEquals("", pool.get("pool"));
    assertEquals(41.27, pool.get("data"));
    assertEquals(99.60, pool.get("meta"));
    assertEquals("active", pool.get("active"));
    Map<String, Object> spare = row(t, "name", "[lvol0_pmspare]");
    assertNull(spare.get("data"));
    assertEquals("", spare.get("active"));
    Map<String, Object> thin = row(t, "name", "vm-100-disk-0");
    assertEquals("data", thin.get("pool"));
    assertEquals(63.10, thin.get("data"));
    assertNull(thin.get("meta"));
  }

  @Test
  void leadingLogPrefixIsTrimmedAndBracketsKept() throws TableException {
    Table t = TableParser.parse(LVS, LVS_SPEC);
    assertEquals(List.of("data", "[data_tdata]", "[data_tmeta]", "[lvol0_pmspare]", "root", "swap", "vm-100-disk-0",
        "vm-101-disk-0"), column(t, "name"));
  }

  @Test
  void delimitedRowWithWrongFieldCountNamesLine() {
    String bad = "  [data_tmeta]|pve|ewi-ao----|1073741824|||active";
    String text = LVS.replace("  [data_tmeta]|pve|ewi-ao----|1073741824||||active", bad);
    TableException e = assertThrows(TableException.class, () -> TableParser.parse(text, LVS_SPEC));
    assertEquals(3, e.line());
    assertEquals(bad, e.lineText());
    assertEquals("line 3: expected 8 fields separated by `|` (one per name in `columns:`), found 7: `" + bad + "`",
        e.getMessage());
  }

  @Test
  void firstLineIsTheHeaderWithoutColumns() throws TableException {
    // dmsetup info -c --separator '|' -o name,open, for the pool of the constructed Proxmox sample
    String text = "Name|Open\n\npve-data|0\npve-data-tpool|3\n";
    Table t = TableParser.parse(text, Samples.spec(TableFormat.DELIMITED, "|", null, List.of(), Map.of(),
        Map.of("open", ColumnType.INT)));
    assertEquals(List.of("name", "open"), t.columns());
    assertEquals(List.of(0L, 3L), column(t, "open"));

    TableException e = assertThrows(TableException.class, () -> TableParser.parse(text + "\npve-x|1|2\n",
        Samples.spec(TableFormat.DELIMITED, "|", null, List.of(), Map.of(), Map.of())));
    assertEquals("line 6: expected 2 fields separated by `|` (as in the header on line 1), found 3: `pve-x|1|2`",
        e.getMessage());
  }

  @Test
  void separatorIsRequired() {
    TableException e = assertThrows(TableException.class, () -> TableParser.parse(LVS,
        Samples.spec(TableFormat.DELIMITED, null, null, List.of("a"), Map.of(), Map.of())));
    assertEquals(0, e.line());
    assertEquals("format `delimited` needs a `separator`, e.g. separator: '|'", e.getMessage());
  }

  @Test
  void windowsLineEndsAndMultiCharacterSeparators() throws TableException {
    Table t = TableParser.parse("a :: b\r\n c::\r\n", Samples.spec(TableFormat.DELIMITED, "::", null,
        List.of("x", "y"), Map.of(), Map.of()));
    assertEquals(List.of(Map.of("x", "a", "y", "b"), Map.of("x", "c", "y", "")), t.rows());
  }
}
