package runbook.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static runbook.table.AlignedTableTest.column;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.model.ColumnType;

/** Parses what the real thin_ls prints for metadata restored into a plain file. */
class ThinLsTableTest {
  private static final String METADATA = """
      <superblock uuid="" time="1" transaction="3" flags="0" version="2" data_block_size="128" nr_data_blocks="1024">
        <device dev_id="1234567" mapped_blocks="5" transaction="0" creation_time="0" snap_time="1">
          <range_mapping origin_begin="0" data_begin="0" length="4" time="0"/>
          <single_mapping origin_block="10" data_block="100" time="1"/>
        </device>
        <device dev_id="2" mapped_blocks="1" transaction="2" creation_time="1" snap_time="1">
          <single_mapping origin_block="0" data_block="200" time="1"/>
        </device>
      </superblock>
      """;

  @Test
  void realThinLsOutputWithWideDeviceIdsParses(@TempDir Path dir) throws Exception {
    Path xml = Files.writeString(dir.resolve("meta.xml"), METADATA);
    Path meta = dir.resolve("meta.bin");
    try (RandomAccessFile file = new RandomAccessFile(meta.toFile(), "rw")) {
      file.setLength(4L << 20);
    }
    run(dir, "thin_restore", "-i", xml.toString(), "-o", meta.toString());
    String out = run(dir, "thin_ls", meta.toString());

    Table t = TableParser.parse(out, Samples.aligned(Map.of("dev", ColumnType.INT, "mapped", ColumnType.BYTES)));
    assertEquals(List.of(2L, 1234567L), column(t, "dev"), out);
    assertEquals(List.of(64L << 10, 320L << 10), column(t, "mapped"), out);
  }

  private static String run(Path dir, String... argv) throws IOException, InterruptedException {
    // only stdout is the table; newer thin_ls versions report progress on stderr
    Process p;
    try {
      p = new ProcessBuilder(argv).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      // a test that needs the real tools fails, never skips: say what to install
      throw new AssertionError(argv[0] + " is not installed: the tests run the real thin-provisioning tools;"
          + " install them (Debian: apt install thin-provisioning-tools; README.md, Set-up)", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", argv) + " failed: " + out);
    return out;
  }
}
