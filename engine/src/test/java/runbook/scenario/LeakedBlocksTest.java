package runbook.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped repair names the verdict {@code leaked-blocks} when the read-only {@code thin_check} fails on
 * leaked blocks and nothing else. These tests give real metadata, restored into a plain file by the real
 * {@code thin_restore}, leaked blocks (a space-map count of 1 for a block nothing references, with the
 * checksums the tools verify), run the real {@code thin_check} of this machine, and hold its output against
 * the two patterns the playbook decides with ({@code leak_line_re}, {@code not_leak_line_re}).
 */
class LeakedBlocksTest {
  private static final Path REPAIR = Path.of("../playbooks/thin-pool-metadata-repair.yaml");
  private static final String METADATA = """
      <superblock uuid="" time="1" transaction="3" flags="0" version="2" data_block_size="128" nr_data_blocks="1024">
        <device dev_id="1" mapped_blocks="5" transaction="0" creation_time="0" snap_time="1">
          <range_mapping origin_begin="0" data_begin="0" length="4" time="0"/>
          <single_mapping origin_block="10" data_block="100" time="1"/>
        </device>
        <device dev_id="2" mapped_blocks="1" transaction="2" creation_time="1" snap_time="1">
          <single_mapping origin_block="0" data_block="200" time="1"/>
        </device>
      </superblock>
      """;
  private static final int BLOCK = 4096;
  // the salts persistent-data xors into each block type's checksum
  private static final int SUPERBLOCK_XOR = 160774;
  private static final int INDEX_XOR = 160478;
  private static final int BITMAP_XOR = 240779;
  private static final int BTREE_XOR = 121107;
  // superblock offsets of the two space-map roots (nr_blocks, nr_allocated, bitmap_root, ref_count_root)
  private static final int DATA_SM_ROOT = 64;
  private static final int METADATA_SM_ROOT = 192;

  private static Pattern leakLine;
  private static Pattern otherLine;
  private static boolean tools1x;

  @BeforeAll
  static void readThePlaybooksPatternsAndTheToolsVersion() throws Exception {
    String playbook = Files.readString(REPAIR);
    leakLine = Pattern.compile(var(playbook, "leak_line_re"), Pattern.MULTILINE);
    otherLine = Pattern.compile(var(playbook, "not_leak_line_re"), Pattern.MULTILINE);
    tools1x = !run(Path.of("."), "thin_check", "-V").out.trim().startsWith("0.");
  }

  @Test
  void leakedMetadataBlocksAloneAreLeaksOnly(@TempDir Path dir) throws Exception {
    Path meta = restored(dir);
    leak(meta, METADATA_SM_ROOT, INDEX_XOR, 2);
    Result check = run(dir, "thin_check", meta.toString());
    // 0.9.0 exits 1 (`metadata reference counts differ ...`), 1.x 64 (`2 metadata blocks have leaked.`)
    assertEquals(tools1x ? 64 : 1, check.exit, check.text());
    assertTrue(leaksOnly(check.text()), check.text());
  }

  @Test
  void leakedDataBlocksFailOnlyTools1xAndAreLeaksOnly(@TempDir Path dir) throws Exception {
    Path meta = restored(dir);
    leak(meta, DATA_SM_ROOT, BTREE_XOR, 3);
    Result check = run(dir, "thin_check", meta.toString());
    if (tools1x) {
      assertEquals(64, check.exit, check.text());
      assertTrue(leaksOnly(check.text()), check.text());
    } else {
      // 0.9.0 does not compare the data space map's counts: the check passes
      assertEquals(0, check.exit, check.text());
    }
  }

  @Test
  void autoRepairFreesTheLeaksAndTheReadOnlyCheckPassesAgain(@TempDir Path dir) throws Exception {
    Path meta = restored(dir);
    leak(meta, METADATA_SM_ROOT, INDEX_XOR, 2);
    Result repair = run(dir, "thin_check", "--auto-repair", meta.toString());
    assertEquals(0, repair.exit, repair.text());
    Result again = run(dir, "thin_check", meta.toString());
    assertEquals(0, again.exit, again.text());
    assertFalse(leakLine.matcher(again.text()).find(), again.text());
  }

  @Test
  void aDamagedMappingNodeIsNotLeaksOnly(@TempDir Path dir) throws Exception {
    Path meta = restored(dir);
    leak(meta, METADATA_SM_ROOT, INDEX_XOR, 1);
    // overwrite the mapping tree's root with garbage: a checksum error, the damage a rebuild is for
    long mappingRoot = ByteBuffer.wrap(read(meta, 0)).order(ByteOrder.LITTLE_ENDIAN).getLong(320);
    byte[] garbage = new byte[BLOCK];
    java.util.Arrays.fill(garbage, (byte) 0x5a);
    write(meta, mappingRoot, garbage);
    Result check = run(dir, "thin_check", meta.toString());
    assertNotEquals(0, check.exit, check.text());
    assertFalse(leaksOnly(check.text()), check.text());
  }

  @Test
  void aCleanCheckHasNoLeakLine(@TempDir Path dir) throws Exception {
    Result check = run(dir, "thin_check", restored(dir).toString());
    assertEquals(0, check.exit, check.text());
    assertFalse(leakLine.matcher(check.text()).find(), check.text());
    assertFalse(otherLine.matcher(check.text()).find(), "a clean check's lines are all known: " + check.text());
  }

  /** What the playbook's step diag_leaks_only decides: a leak line, and no line that is something else. */
  private static boolean leaksOnly(String output) {
    return leakLine.matcher(output).find() && !otherLine.matcher(output).find();
  }

  private static Path restored(Path dir) throws Exception {
    Path xml = Files.writeString(dir.resolve("meta.xml"), METADATA);
    Path meta = dir.resolve("meta.bin");
    try (RandomAccessFile file = new RandomAccessFile(meta.toFile(), "rw")) {
      file.setLength(4L << 20);
    }
    Result restore = run(dir, "thin_restore", "-i", xml.toString(), "-o", meta.toString());
    assertEquals(0, restore.exit, restore.text());
    return meta;
  }

  /**
   * Marks {@code count} free blocks of a space map as used once (2-bit counts in its first bitmap), and
   * keeps the index entry's free count, the superblock's allocated count and every checksum consistent:
   * only the references are missing, which is what a leak is.
   */
  private static void leak(Path meta, int rootOffset, int indexXor, int count) throws IOException {
    ByteBuffer sb = ByteBuffer.wrap(read(meta, 0)).order(ByteOrder.LITTLE_ENDIAN);
    long nrBlocks = sb.getLong(rootOffset);
    long allocated = sb.getLong(rootOffset + 8);
    long indexRoot = sb.getLong(rootOffset + 16);
    ByteBuffer index = ByteBuffer.wrap(read(meta, indexRoot)).order(ByteOrder.LITTLE_ENDIAN);
    // the metadata space map's index is one block of entries from offset 16; the data space map's is a
    // btree whose single leaf holds the entries after its 32-byte header and its keys
    int entry = indexXor == INDEX_XOR ? 16 : 32 + 8 * index.getInt(20);
    long bitmapBlock = index.getLong(entry);
    ByteBuffer bitmap = ByteBuffer.wrap(read(meta, bitmapBlock)).order(ByteOrder.LITTLE_ENDIAN);
    long limit = Math.min(nrBlocks, (BLOCK - 16) * 4L);
    int leaked = 0;
    for (long b = limit / 2; b < limit && leaked < count; b++) {
      int word = 16 + (int) (b / 32) * 8;
      int shift = (int) (b % 32) * 2;
      long bits = bitmap.getLong(word);
      if ((bits >>> shift & 3) == 0) {
        // a count of 1 sets the second bit of the pair
        bitmap.putLong(word, bits | 1L << (shift + 1));
        leaked++;
      }
    }
    assertEquals(count, leaked, "free blocks to leak");
    write(meta, bitmapBlock, sealed(bitmap.array(), BITMAP_XOR));
    index.putInt(entry + 8, index.getInt(entry + 8) - count);
    write(meta, indexRoot, sealed(index.array(), indexXor));
    sb.putLong(rootOffset + 8, allocated + count);
    write(meta, 0, sealed(sb.array(), SUPERBLOCK_XOR));
  }

  /** persistent-data's block checksum: crc32c of everything after the checksum field, not inverted, xor a salt. */
  private static byte[] sealed(byte[] block, int xor) {
    CRC32C crc = new CRC32C();
    crc.update(block, 4, block.length - 4);
    int sum = ~(int) crc.getValue() ^ xor;
    ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).putInt(0, sum);
    return block;
  }

  private static byte[] read(Path file, long block) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      byte[] b = new byte[BLOCK];
      f.seek(block * BLOCK);
      f.readFully(b);
      return b;
    }
  }

  private static void write(Path file, long block, byte[] b) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(block * BLOCK);
      f.write(b);
    }
  }

  /** A var of the playbook written as one single-quoted YAML scalar. */
  private static String var(String playbook, String name) {
    Matcher m = Pattern.compile("(?m)^  " + name + ": '((?:[^']|'')*)'$").matcher(playbook);
    assertTrue(m.find(), "the playbook has no var " + name);
    return m.group(1).replace("''", "'");
  }

  private record Result(int exit, String out, String err) {
    String text() {
      return out + err;
    }
  }

  private static Result run(Path dir, String... argv) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(argv).directory(dir.toFile()).start();
    } catch (IOException e) {
      // a test that needs the real tools fails, never skips: say what to install
      throw new AssertionError(argv[0] + " is not installed: the tests run the real thin-provisioning tools;"
          + " install them (Debian: apt install thin-provisioning-tools; README.md, Set-up)", e);
    }
    p.getOutputStream().close();
    byte[] err = p.getErrorStream().readAllBytes();
    byte[] out = p.getInputStream().readAllBytes();
    return new Result(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
