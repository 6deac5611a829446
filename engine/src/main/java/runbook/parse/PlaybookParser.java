package runbook.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import runbook.diag.Diagnostics;
import runbook.diag.InvalidInputException;
import runbook.diag.Suggestions;
import runbook.model.Actions;
import runbook.model.Param;
import runbook.model.PlaybookKeys;
import runbook.model.Playbook;
import runbook.model.Ref;
import runbook.model.SourceSpan;
import runbook.model.Step;
import runbook.model.Template;

/**
 * Reads a playbook file into the model, checking everything the format's "Top level" and "Steps"
 * sections say. Expressions are kept as written, with their positions: the expression engine checks
 * them later.
 */
public final class PlaybookParser {
  /** The top-level keys of a playbook. */
  public static final List<String> KEYS = Actions.names(PlaybookKeys.TOP_LEVEL);

  private PlaybookParser() {}

  /**
   * The playbook in {@code file}; spans name the path as given.
   *
   * @throws InvalidInputException with every problem found, sorted by position
   */
  public static Playbook parse(Path file) throws InvalidInputException {
    return read(YamlDocument.load(file));
  }

  /** The playbook in an already loaded document. */
  public static Playbook read(YamlDocument doc) throws InvalidInputException {
    Diagnostics d = new Diagnostics();
    d.addAll(doc.diagnostics());
    SourceSpan start = new SourceSpan(doc.file(), 1, 1);
    if (doc.root() == null) {
      d.error(ParseRule.MISSING_KEY, start, "the file is empty", "a playbook starts with `runbook: 1`");
      throw new InvalidInputException(d.sorted());
    }
    MappingReader m = MappingReader.described(doc.root(), d, "the playbook", PlaybookKeys.TOP_LEVEL);
    if (m == null) {
      throw new InvalidInputException(d.sorted());
    }
    version(m, d);
    String name = m.string("name");
    if (name != null && !Names.PLAYBOOK.matcher(name).matches()) {
      d.error(ParseRule.BAD_NAME, ((YamlScalar) m.node("name")).valueSpan(),
          "playbook name `" + name + "` does not match [a-z0-9][a-z0-9-]*", "use lower-case letters, digits and -");
    }
    Template title = Names.title(m.template("title"), d, "`description`");
    String description = m.string("description");
    List<Ref> requires = requires(m, d);
    Map<String, Param> params = m.has("params") ? new ParamReader(d).read(m.node("params")) : Map.of();
    Map<String, Template> env = m.has("env") ? Names.env(m.node("env"), d) : Map.of();
    Map<String, SourceSpan> varSpans = new LinkedHashMap<>();
    Map<String, Template> vars = vars(m, d, varSpans);
    StepReader steps = new StepReader(d);
    YamlNode stepsNode = m.node("steps");
    List<Step> list = stepsNode == null ? List.of() : steps.readList(stepsNode, "`steps`");
    checkNamespace(params, varSpans, steps.ids(), d);
    checkRefs(list, steps.ids(), d);
    Playbook playbook = new Playbook(doc.file(), 1, name == null ? "" : name, title == null ? "" : title.text(),
        description, requires, params, env, vars, list, List.of(doc.file()), m.span());
    if (d.hasErrors()) {
      // the rest is still checked (lint, the run's check) so that one broken step hides nothing else
      Set<String> unbuilt = new LinkedHashSet<>(steps.ids().keySet());
      Playbook.flatten(list).forEach(s -> unbuilt.remove(s.id()));
      throw new InvalidInputException(d.sorted(), playbook, unbuilt);
    }
    return playbook;
  }

  private static void version(MappingReader m, Diagnostics d) {
    YamlNode node = m.node("runbook");
    if (node == null) {
      return;
    }
    Integer version = YamlValues.integer(node, d, "`runbook` (the format version)");
    if (version != null && version != 1) {
      d.error(ParseRule.BAD_VALUE, node.span(), "format version " + version + " is not supported",
          "this engine reads `runbook: 1`");
    }
  }

  private static List<Ref> requires(MappingReader m, Diagnostics d) {
    YamlSequence seq = m.sequence("requires");
    List<Ref> out = new ArrayList<>();
    if (seq == null) {
      return out;
    }
    for (YamlNode item : seq.items()) {
      YamlScalar s = YamlValues.scalar(item, d, "each element of `requires`", "a program name");
      if (s != null) {
        out.add(new Ref(s.value(), s.valueSpan()));
      }
    }
    return out;
  }

  /** The vars in file order; {@code spans} receives where each name stands. */
  private static Map<String, Template> vars(MappingReader m, Diagnostics d, Map<String, SourceSpan> spans) {
    Map<String, Template> out = new LinkedHashMap<>();
    YamlMapping map = m.mapping("vars");
    if (map == null) {
      return out;
    }
    for (YamlMapping.Entry e : map.entries()) {
      String name = YamlValues.string(e.key(), d, "a variable name");
      if (name == null) {
        continue;
      }
      if (!Names.VALUE_NAME.matcher(name).matches()) {
        d.error(ParseRule.BAD_NAME, e.key().span(), "variable name `" + name + "` is not an identifier",
            "use letters, digits and _, starting with a letter; expressions read it by this name");
      }
      Template t = YamlValues.template(e.value(), d, "var `" + name + "`");
      if (t != null && out.putIfAbsent(name, t) == null) {
        spans.put(name, e.key().span());
      }
    }
    return out;
  }

  /** An {@code of} that names no step would fail only when the run reaches it: report it now. */
  private static void checkRefs(List<Step> steps, Map<String, SourceSpan> ids, Diagnostics d) {
    for (Ref ref : StepRefs.in(steps)) {
      if (!ids.containsKey(ref.id())) {
        d.error(ParseRule.UNKNOWN_STEP, ref.span(), "no step has the id `" + ref.id() + "`",
            Objects.requireNonNullElse(Suggestions.didYouMean(ref.id(), ids.keySet()),
                "`of` names the id of an earlier step"));
      }
    }
  }

  /** Params, vars and step ids are all read by bare name in expressions, so each name may mean one thing. */
  private static void checkNamespace(Map<String, Param> params, Map<String, SourceSpan> vars,
      Map<String, SourceSpan> ids, Diagnostics d) {
    Map<String, String> taken = new LinkedHashMap<>();
    for (Param p : params.values()) {
      claim(taken, p.name(), "parameter", p.span(), d);
    }
    for (Map.Entry<String, SourceSpan> v : vars.entrySet()) {
      claim(taken, v.getKey(), "variable", v.getValue(), d);
    }
    for (Map.Entry<String, SourceSpan> id : ids.entrySet()) {
      claim(taken, id.getKey(), "step id", id.getValue(), d);
    }
  }

  private static void claim(Map<String, String> taken, String name, String kind, SourceSpan at, Diagnostics d) {
    if (Names.BUILT_IN.contains(name)) {
      d.error(ParseRule.NAME_CLASH, at, kind + " `" + name + "` hides the built-in name `" + name + "`",
          "rename it; " + String.join(", ", Names.BUILT_IN.stream().sorted().toList()) + " are reserved");
      return;
    }
    String previous = taken.putIfAbsent(name, kind);
    if (previous != null) {
      d.error(ParseRule.NAME_CLASH, at, kind + " `" + name + "` has the same name as a " + previous,
          "params, vars and step ids share one namespace; rename one of them");
    }
  }
}
