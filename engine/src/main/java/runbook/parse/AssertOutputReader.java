package runbook.parse;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import runbook.diag.Diagnostics;
import runbook.model.Actions;
import runbook.model.AssertOutputStep;
import runbook.model.Expr;
import runbook.model.OutputStream;
import runbook.model.Ref;
import runbook.model.Step;
import runbook.model.StepInfo;
import runbook.model.Template;

/** {@code assert-output}: of, stream, the text checks, that, message. */
final class AssertOutputReader implements ActionReader {
  static final List<String> CHECKS = List.of("contains", "not-contains", "matches", "not-matches", "equals", "that");

  @Override
  public Step read(StepInfo info, MappingReader step, StepReader steps) {
    Diagnostics d = steps.diagnostics();
    MappingReader m = MappingReader.described(step.node("assert-output"), d, "`assert-output`", Actions.ASSERT_OUTPUT_KEYS);
    if (m == null) {
      return null;
    }
    Ref of = ref(m, "of");
    String stream = m.choice("stream");
    List<Template> contains = m.templates("contains");
    List<Template> notContains = m.templates("not-contains");
    List<Template> matches = regexes(m.templates("matches"), d);
    List<Template> notMatches = regexes(m.templates("not-matches"), d);
    List<Template> equals = m.templates("equals");
    Expr that = m.expr("that");
    Template message = m.template("message");
    if (CHECKS.stream().noneMatch(m::has)) {
      d.error(ParseRule.NO_CHECK, m.span(), "`assert-output` checks nothing",
          "add one of: " + String.join(", ", CHECKS));
    }
    return new AssertOutputStep(info, of, stream(stream), contains, notContains, matches, notMatches, equals,
        that, message);
  }

  /** A step reference under {@code key}, or null. */
  static Ref ref(MappingReader m, String key) {
    YamlNode node = m.node(key);
    if (node == null) {
      return null;
    }
    YamlScalar s = YamlValues.scalar(node, m.diagnostics(), "`" + key + "`", "a step id");
    return s == null ? null : new Ref(s.value(), s.valueSpan());
  }

  private static OutputStream stream(String key) {
    for (OutputStream s : OutputStream.values()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    return OutputStream.STDOUT;
  }

  /** Regexes without templates are known now, so a typo in one is reported before anything runs. */
  private static List<Template> regexes(List<Template> patterns, Diagnostics d) {
    for (Template t : patterns) {
      if (t.hasPlaceholders()) {
        continue;
      }
      try {
        Regexes.compile(t.text().replace("$${", "${"), Pattern.MULTILINE);
      } catch (PatternSyntaxException e) {
        d.error(ParseRule.BAD_PATTERN, t.span(), "regular expression does not compile: " + e.getDescription()
            + " near index " + e.getIndex(), "escape special characters with \\ (in YAML use single quotes)");
      }
    }
    return patterns;
  }
}
