package runbook.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.model.SourceSpan;

/**
 * {@code --params FILE}: a YAML mapping of param names to scalar values, read as text (the
 * playbook's param types convert them, exactly as for {@code --set}).
 */
public final class ParamsFileParser {
  private static final int MAX_BYTES = 1 << 20;

  private ParamsFileParser() {}

  public static Map<String, String> parse(Path file) throws IOException, InvalidInputException {
    String name = file.toString();
    if (Files.size(file) > MAX_BYTES) {
      throw new InvalidInputException(List.of(Diagnostic.error("params-file", new SourceSpan(name, 1, 1),
          "the params file is larger than 1 MiB; it should hold a few name: value lines")));
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    LoadSettings settings = LoadSettings.builder().setLabel(name).setAllowDuplicateKeys(false).setMaxAliasesForCollections(0).build();
    Node root;
    try {
      Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      root = composer.getSingleNode().orElse(null);
    } catch (MarkedYamlEngineException e) {
      SourceSpan at = e.getProblemMark().map(m -> new SourceSpan(name, m.getLine() + 1, m.getColumn() + 1)).orElse(new SourceSpan(name, 1, 1));
      throw new InvalidInputException(List.of(Diagnostic.error("yaml-syntax", at, e.getProblem())));
    } catch (YamlEngineException e) {
      throw new InvalidInputException(List.of(Diagnostic.error("yaml-syntax", new SourceSpan(name, 1, 1), e.getMessage())));
    }
    if (root == null) {
      return Map.of();
    }
    if (!(root instanceof MappingNode map)) {
      throw new InvalidInputException(List.of(Diagnostic.error("params-file", span(name, root),
          "expected a mapping of param names to values (vg: pve), found a " + root.getNodeType().name().toLowerCase())));
    }
    Map<String, String> out = new LinkedHashMap<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        problems.add(Diagnostic.error("params-file", span(name, t.getKeyNode()), "expected a param name"));
        continue;
      }
      if (out.containsKey(key.getValue())) {
        problems.add(Diagnostic.error("duplicate-key", span(name, key), "param `" + key.getValue() + "` is given twice"));
        continue;
      }
      if (!(t.getValueNode() instanceof ScalarNode value)) {
        problems.add(Diagnostic.error("params-file", span(name, t.getValueNode()),
            "param `" + key.getValue() + "` must be a single value (text, number or true/false), found a " + t.getValueNode().getNodeType().name().toLowerCase()));
        continue;
      }
      out.put(key.getValue(), value.getValue());
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return out;
  }

  private static SourceSpan span(String file, Node node) {
    return node.getStartMark().map(m -> new SourceSpan(file, m.getLine() + 1, m.getColumn() + 1)).orElse(new SourceSpan(file, 1, 1));
  }
}
