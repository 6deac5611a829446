package runbook.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static runbook.table.Samples.aligned;
import static runbook.table.Samples.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import runbook.model.ColumnType;
import runbook.model.TableFormat;
import runbook.units.Sizes;

class AlignedTableTest {
  private static final String OPERATOR = block("lvs-a-operator.txt", "# lvs -a");
  private static final Map<String, ColumnType> LVS_TYPES =
      Map.of("lsize", ColumnType.BYTES, "data_pct", ColumnType.PERCENT, "meta_pct", ColumnType.PERCENT);

  @Test
  void headerNamesBecomeIdentifiers() throws TableException {
    Table t = TableParser.parse(OPERATOR, aligned(Map.of()));
    assertEquals(List.of("lv", "vg", "attr", "lsize", "pool", "origin", "data_pct", "meta_pct", "move", "log",
        "cpy_pct_sync", "convert"), t.columns());
    assertEquals(13, t.rows().size());
  }

  @Test
  void blankPoolColumnDoesNotShiftPercentages() throws TableException {
    Table t = TableParser.parse(OPERATOR, aligned(LVS_TYPES));
    Map<String, Object> pool = row(t, "lv", "data");
    assertEquals("", pool.get("pool"));
    assertEquals("", pool.get("origin"));
    assertEquals(60.01, pool.get("data_pct"));
    assertEquals(2.55, pool.get("meta_pct"));
    assertEquals("", pool.get("convert"));
    Map<String, Object> thin = row(t, "lv", "vm-100-disk-2");
    assertEquals("data", thin.get("pool"));
    assertEquals(100.0, thin.get("data_pct"));
    assertNull(thin.get("meta_pct"));
    Map<String, Object> root = row(t, "lv", "root");
    assertNull(root.get("data_pct"));
    assertEquals(96L << 30, root.get("lsize"));
  }

  @Test
  void hiddenVolumesKeepTheirBrackets() throws TableException {
    Table t = TableParser.parse(OPERATOR, aligned(LVS_TYPES));
    Map<String, Object> tmeta = row(t, "lv", "[data_tmeta]");
    assertEquals("ewi-ao----", tmeta.get("attr"));
    assertEquals(4L << 30, tmeta.get("lsize"));
    assertEquals(List.of("data", "[data_tdata]", "[data_tmeta]", "[lvol0_pmspare]"), column(t, "lv").subList(0, 4));
  }

  @Test
  void valueStartingLeftOfHeaderBelongsToThatColumn() throws TableException {
    Table t = TableParser.parse(block("thin-ls-wide-dev.txt", "# thin_ls meta.bin"),
        aligned(Map.of("dev", ColumnType.INT, "mapped", ColumnType.BYTES, "snap_time", ColumnType.INT)));
    assertEquals(List.of("dev", "mapped", "create_time", "snap_time"), t.columns());
    assertEquals(List.of(2L, 123456L), column(t, "dev"));
    assertEquals(List.of(64L << 10, 320L << 10), column(t, "mapped"));
    assertEquals(List.of("1", "0"), column(t, "create_time"));
  }

  @Test
  void roundedSizesStayInTheirColumn() throws TableException {
    String proxmox = block("lvs-a-default.txt", "### 3. Proxmox");
    Table t = TableParser.parse(proxmox, aligned(LVS_TYPES));
    Map<String, Object> data = row(t, "lv", "data");
    assertEquals(Sizes.parseBytes("794.79g"), data.get("lsize"));
    assertEquals("", data.get("pool"));
    assertEquals(0.0, data.get("data_pct"));
    assertEquals(0.24, data.get("meta_pct"));
    assertEquals(8L << 30, row(t, "lv", "swap").get("lsize"));

    Table docker = TableParser.parse(block("lvs-a-default.txt", "### 4. RHEL"), aligned(Map.of()));
    assertEquals(List.of("[lvol0_pmspare]", "vg-thinpool", "[vg-thinpool_tdata]", "[vg-thinpool_tmeta]"),
        column(docker, "lv"));
    assertEquals(List.of("8.00m", "<47.50g", "<47.50g", "84.00m"), column(docker, "lsize"));
    assertEquals(List.of("", "0.02", "", ""), column(docker, "data_pct"));
    assertEquals(List.of("", "0.27", "", ""), column(docker, "meta_pct"));
  }

  @Test
  void trailingSpacesAndRaggedLineEndsLeaveCellsEmpty() throws TableException {
    Table t = TableParser.parse(block("lvs-a-default.txt", "### 3. Proxmox"), aligned(Map.of()));
    assertEquals(List.of("data", "root", "swap"), column(t, "lv"));
    assertEquals(List.of("<794.79g", "96.00g", "8.00g"), column(t, "lsize"));
    assertEquals(List.of("", "", ""), column(t, "convert"));
    assertEquals(List.of("0.00", "", ""), column(t, "data_pct"));
  }

  @Test
  void lvmthinManualExamplesParse() throws TableException {
    Table t = TableParser.parse(block("lvs-a-default.txt", "### 2. lvmthin"), aligned(Map.of()));
    assertEquals(List.of("lv", "attr", "lsize", "pool", "origin", "data_pct", "meta_pct"), t.columns());
    assertEquals(List.of("pool0", "twi-a-tz--", "10.00g", "", "", "47.01", "21.03"), List.copyOf(t.rows().get(0).values()));
    assertEquals(List.of("thin1", "Vwi-aotz--", "100.00g", "pool0", "", "2.70", ""), List.copyOf(t.rows().get(1).values()));

    Table full = TableParser.parse(block("lvs-a-default.txt", "# lvs -o name,data_percent,attr"), aligned(Map.of()));
    assertEquals(List.of(Map.of("lv", "pool0", "data_pct", "100.00", "attr", "twi-aot-D-")), full.rows());
  }

  @Test
  void dmsetupInfoColumnsParse() throws TableException {
    Map<String, ColumnType> types = Map.of("open", ColumnType.INT, "maj", ColumnType.INT, "min", ColumnType.INT);
    Table t = TableParser.parse(block("dmsetup-info-c.txt", "### VERBATIM -- github.com/RedHatInsights"), Samples.spec(
        TableFormat.ALIGNED, null, null, List.of(), Map.of(), types));
    assertEquals(List.of("name", "maj", "min", "stat", "open", "targ", "event", "uuid"), t.columns());
    assertEquals(List.of("VG00-tmp", "VG00-var_tmp", "VG00-home", "VG00-swap", "VG00-opt"), column(t, "name"));
    assertEquals(List.of(1L, 1L, 1L, 2L, 1L), column(t, "open"));
    assertEquals(8L, t.rows().get(0).get("min"));

    Table docker = TableParser.parse(block("dmsetup-info-c.txt", "dude [~]> dmsetup info -c"), aligned(types));
    Map<String, Object> unnamed = docker.rows().get(1);
    assertEquals("docker-253:4-234883370-f46a66a222ebce09d50ad8833d6dc88403311c00930b2b6e967257a850617f26",
        unnamed.get("name"));
    assertEquals(11L, unnamed.get("min"));
    assertEquals("", unnamed.get("uuid"));
    assertEquals("LVM-pF8HEajK0ELUKIMHzIjwGG4rpvGiOBgkcpSprtVFTs3DhYtwaiEnPfCtzBb3yZTK-tmeta", docker.rows().get(2).get("uuid"));

    Table pve = TableParser.parse(block("dmsetup-info-c.txt", "### CONSTRUCTED (not captured) -- Proxmox"), aligned(types));
    Map<String, Object> tpool = row(pve, "name", "pve-data-tpool");
    assertEquals("L-sw", tpool.get("stat"));
    assertEquals(3L, tpool.get("open"));
    assertEquals("pve-vm--100--disk--0", pve.rows().get(4).get("name"));
  }

  @Test
  void aRowBridgingTwoColumnsFailsNamingTheLine() {
    List<String> lines = new ArrayList<>(OPERATOR.lines().toList());
    String bad = lines.get(1).substring(0, 42) + "junk" + lines.get(1).substring(46);
    lines.set(1, bad);
    TableException e = assertThrows(TableException.class,
        () -> TableParser.parse(String.join("\n", lines), aligned(Map.of())));
    assertEquals(2, e.line());
    assertEquals(bad, e.lineText());
    assertEquals("line 2: text `junk` at column 43 spans the columns `Pool`, `Origin`: `" + bad + "`", e.getMessage());
  }

  @Test
  void aMessageAmongTheRowsFailsNamingItsLine() {
    String text = OPERATOR + "  Reading all physical volumes.  This may take a while...\n";
    TableException e = assertThrows(TableException.class, () -> TableParser.parse(text, aligned(Map.of())));
    assertEquals(15, e.line());
    assertEquals("  Reading all physical volumes.  This may take a while...", e.lineText());
  }

  @Test
  void textUnderNoHeaderFails() {
    String text = "  Name     Open\n  a     x     1\n  b           0\n";
    TableException e = assertThrows(TableException.class, () -> TableParser.parse(text, aligned(Map.of())));
    assertEquals("line 2: text `x` at column 9 is under no column header (between `Name` and `Open`): `  a     x     1`",
        e.getMessage());
  }

  @Test
  void lastColumnTakesTheRestOfTheLine() throws TableException {
    String text = "  PID CMD\n    1 /sbin/init splash\n  812 sleep 10\n";
    Table t = TableParser.parse(text, aligned(Map.of("pid", ColumnType.INT)));
    assertEquals(List.of("/sbin/init splash", "sleep 10"), column(t, "cmd"));
    assertEquals(List.of(1L, 812L), column(t, "pid"));
  }

  @Test
  void columnsListRenamesInOrderAndMustMatchTheHeader() throws TableException {
    String dm = block("dmsetup-info-c.txt", "root@pve:~# dmsetup info -C");
    List<String> names = List.of("name", "major", "minor", "stat", "open", "targets", "events", "uuid");
    Table t = TableParser.parse(dm, Samples.spec(TableFormat.ALIGNED, null, null, names, Map.of(), Map.of()));
    assertEquals(names, t.columns());
    assertEquals("0", t.rows().get(0).get("minor"));

    TableException e = assertThrows(TableException.class, () -> TableParser.parse(dm,
        Samples.spec(TableFormat.ALIGNED, null, null, List.of("name", "open"), Map.of(), Map.of())));
    assertEquals(1, e.line());
    assertEquals("line 1: `columns:` names 2 columns but the input has 8: Name, Maj, Min, Stat, Open, Targ, Event, UUID: `"
        + dm.lines().findFirst().orElseThrow() + "`", e.getMessage());
  }

  @Test
  void renamesMatchHeaderTextOrIdentifier() throws TableException {
    Table t = TableParser.parse(OPERATOR, Samples.spec(TableFormat.ALIGNED, null, null, List.of(),
        Map.of("LSize", "size", "data_pct", "data"), Map.of("size", ColumnType.BYTES, "data", ColumnType.PERCENT)));
    assertEquals(List.of("lv", "vg", "attr", "size", "pool", "origin", "data", "meta_pct", "move", "log",
        "cpy_pct_sync", "convert"), t.columns());
    assertEquals(60.01, t.rows().get(0).get("data"));

    TableException e = assertThrows(TableException.class, () -> TableParser.parse(OPERATOR,
        Samples.spec(TableFormat.ALIGNED, null, null, List.of(), Map.of("Size", "size"), Map.of())));
    assertEquals(1, e.line());
    assertEquals("line 1: `columns:` renames `Size`, but there is no such column; the columns are: LV, VG, Attr, LSize,"
        + " Pool, Origin, Data%, Meta%, Move, Log, Cpy%Sync, Convert: `" + e.lineText() + "`", e.getMessage());
  }

  @Test
  void emptyOutputIsATableWithoutRows() throws TableException {
    Table t = TableParser.parse("\n  \n", aligned(LVS_TYPES));
    assertEquals(List.of(), t.rows());
    assertEquals(List.of(), t.columns());
  }

  static Map<String, Object> row(Table t, String column, String value) {
    return t.rows().stream().filter(r -> value.equals(r.get(column))).findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + column + " = " + value));
  }

  static List<Object> column(Table t, String column) {
    List<Object> values = new ArrayList<>();
    for (Map<String, Object> r : t.rows()) {
      values.add(r.get(column));
    }
    return values;
  }

  @Test
  void lowerCaseHeaderContinuationJoinsThePreviousHeader() throws TableException {
    String text = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n"
        + "/dev/vda         264212084 23811220  82579692      23% /\n"
        + "tmpfs             24684092        0  24684092       0% /dev/shm\n";
    Table t = TableParser.parse(text, aligned(Map.of("capacity", ColumnType.PERCENT)));
    assertEquals(List.of("filesystem", "1024_blocks", "used", "available", "capacity", "mounted_on"), t.columns());
    assertEquals(List.of("/", "/dev/shm"), column(t, "mounted_on"));
    assertEquals(List.of(23.0, 0.0), column(t, "capacity"));
  }

  @Test
  void capitalisedEmptyNeighbourColumnsStayApart() throws TableException {
    Table t = TableParser.parse(OPERATOR, aligned(Map.of()));
    assertEquals(List.of("", ""), column(t, "move").subList(0, 2));
    assertEquals(List.of("", ""), column(t, "log").subList(0, 2));
  }
}
