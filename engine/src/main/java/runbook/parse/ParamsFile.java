package runbook.parse;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import runbook.diag.Diagnostics;
import runbook.diag.InvalidInputException;
import runbook.model.SourceSpan;

/**
 * A {@code --params FILE}: a YAML mapping of parameter name to scalar value. Values are kept as
 * written, with their positions, so that a value the playbook rejects is reported at its line.
 */
public final class ParamsFile {
  /** One value as written; {@code span} points at its first character. */
  public record Value(String text, SourceSpan span) {
    public Value {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(span, "span");
    }
  }

  private ParamsFile() {}

  /**
   * The values in file order; an empty file gives none.
   *
   * @throws InvalidInputException with every problem found: not a mapping, a name that is not an
   *     identifier, a value that is not a scalar, a duplicate name
   */
  public static Map<String, Value> read(Path file) throws InvalidInputException {
    try {
      return parse(file);
    } catch (InvalidInputException e) {
      // the lines of a params file may hold secrets: its problems are reported by position only
      throw e.withoutLinesOf(file.toString());
    }
  }

  private static Map<String, Value> parse(Path file) throws InvalidInputException {
    YamlDocument doc = YamlDocument.load(file);
    Diagnostics d = new Diagnostics();
    d.addAll(doc.diagnostics());
    Map<String, Value> out = new LinkedHashMap<>();
    if (doc.root() != null) {
      // no message quotes the file's text: a malformed line may be a secret's (`token=s3cret`)
      YamlMapping map = doc.root() instanceof YamlMapping m ? m : null;
      if (map == null) {
        d.error(ParseRule.WRONG_TYPE, doc.root().span(), "a params file must be a mapping of param names to values, found "
            + (doc.root() instanceof YamlScalar ? "a single value" : "a list"), "write one `name: value` per line");
      }
      for (YamlMapping.Entry e : map == null ? List.<YamlMapping.Entry>of() : map.entries()) {
        String name = e.key() instanceof YamlScalar k && k.type() != YamlScalar.Type.NULL ? k.value() : null;
        if (name == null || !Names.VALUE_NAME.matcher(name).matches()) {
          d.error(ParseRule.BAD_NAME, e.key().span(), "this parameter name is not an identifier",
              "a name is letters, digits and `_`, starting with a letter; write `name: value`");
          continue;
        }
        YamlScalar s = YamlValues.scalar(e.value(), d, "param `" + name + "`", "a single value");
        if (s != null) {
          out.putIfAbsent(name, new Value(s.value(), s.valueSpan()));
        }
      }
    }
    d.throwIfErrors();
    return Collections.unmodifiableMap(out);
  }
}
