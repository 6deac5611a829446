package runbook.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import runbook.model.ColumnType;
import runbook.model.Ref;
import runbook.model.SourceSpan;
import runbook.model.TableFormat;
import runbook.model.TableSpec;

/** Real tool outputs from {@code src/test/resources/samples}, and specs to parse them with. */
final class Samples {
  private Samples() {}

  /**
   * The output block that follows the first line starting with {@code marker}: leading comment
   * lines (the command) are skipped, then lines are taken up to a blank or comment line.
   */
  static String block(String file, String marker) {
    List<String> lines = read(file).lines().toList();
    int at = 0;
    while (!lines.get(at).startsWith(marker)) {
      at++;
      if (at == lines.size()) {
        throw new IllegalArgumentException("no line starting with '" + marker + "' in " + file);
      }
    }
    at++;
    while (lines.get(at).startsWith("#")) {
      at++;
    }
    List<String> block = new ArrayList<>();
    while (at < lines.size() && !lines.get(at).isEmpty() && !lines.get(at).startsWith("#")) {
      block.add(lines.get(at++));
    }
    return String.join("\n", block) + "\n";
  }

  static String read(String file) {
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TableSpec aligned(Map<String, ColumnType> types) {
    return spec(TableFormat.ALIGNED, null, null, List.of(), Map.of(), types);
  }

  static TableSpec spec(TableFormat format, String separator, String jsonPath, List<String> names,
      Map<String, String> renames, Map<String, ColumnType> types) {
    return new TableSpec(new Ref("lvs", new SourceSpan("test.yaml", 1, 1)), null, format, separator, jsonPath, names,
        renames, types, new SourceSpan("test.yaml", 1, 1));
  }
}
