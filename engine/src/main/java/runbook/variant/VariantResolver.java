package runbook.variant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostics;
import runbook.diag.InvalidInputException;
import runbook.model.Playbook;
import runbook.model.SourceSpan;
import runbook.parse.MappingReader;
import runbook.parse.PlaybookParser;
import runbook.parse.YamlDocument;
import runbook.parse.YamlMapping;
import runbook.parse.YamlScalar;
import runbook.parse.YamlSequence;
import runbook.parse.YamlValues;

/**
 * Resolves one file: a plain playbook as it is, a variant by resolving its base (which may be a
 * variant too), merging the top level and applying the patches to the base's steps as YAML nodes,
 * then reading the result with the playbook parser, so that a resolved variant is checked exactly
 * like a playbook. One instance per resolution: it records which files were read, and through which
 * {@code extends} each was reached, to name both in a diagnostic.
 */
final class VariantResolver {
  /** The top-level keys of a variant; {@code steps} only to report it. */
  static final List<String> KEYS = List.of(
      "runbook", "name", "title", "description", "extends", "requires", "params", "env", "vars", "patch", "steps");

  /** A playbook and the tree it was read from, for a variant built on it. */
  private record Resolved(YamlMapping tree, Playbook playbook) {}

  /** The variants being resolved, outermost first: the files and where each says `extends`. */
  private final List<Path> visiting = new ArrayList<>();
  private final List<SourceSpan> extendsAt = new ArrayList<>();
  /** Every file read, by the name its spans use, with the {@code extends} keys that led to it. */
  private final Map<String, List<SourceSpan>> through = new LinkedHashMap<>();

  Playbook resolve(Path file) throws InvalidInputException {
    try {
      Playbook p = resolveFile(file).playbook();
      return new Playbook(p.file(), p.version(), p.name(), p.title(), p.description(), p.requires(), p.params(),
          p.env(), p.vars(), p.steps(), List.copyOf(through.keySet()), p.span());
    } catch (InvalidInputException e) {
      Playbook p = e.partial();
      Playbook partial = p == null ? null : new Playbook(p.file(), p.version(), p.name(), p.title(), p.description(),
          p.requires(), p.params(), p.env(), p.vars(), p.steps(), List.copyOf(through.keySet()), p.span());
      throw e.withDiagnostics(ThroughNotes.annotate(e.diagnostics(), through), partial);
    }
  }

  private Resolved resolveFile(Path path) throws InvalidInputException {
    through.putIfAbsent(path.toString(), List.copyOf(extendsAt));
    YamlDocument doc = YamlDocument.load(path);
    if (!(doc.root() instanceof YamlMapping root) || root.entry("extends") == null) {
      return new Resolved(doc.root() instanceof YamlMapping m ? m : null, PlaybookParser.read(doc));
    }
    Diagnostics d = new Diagnostics();
    d.addAll(doc.diagnostics());
    MappingReader m = new MappingReader(root, d, "a variant", KEYS, KEYS);
    m.required("runbook");
    m.required("name");
    m.required("title");
    if (m.has("steps")) {
      d.error(VariantRule.VARIANT_STEPS, m.keySpan("steps"), "a variant has no `steps:` of its own",
          "change the base's steps with `patch:` (before, after, replace, remove, update)");
    }
    Path base = base(path, m, d);
    d.throwIfErrors();
    visiting.add(identity(path));
    extendsAt.add(m.keySpan("extends"));
    Resolved resolvedBase = resolveFile(base);
    visiting.remove(visiting.size() - 1);
    extendsAt.remove(extendsAt.size() - 1);

    YamlMapping.Entry baseSteps = resolvedBase.tree().entry("steps");
    StepTree tree = new StepTree((YamlSequence) baseSteps.value());
    if (m.has("patch")) {
      new Patcher(tree, d, base.toString()).apply(PatchReader.read(m.node("patch"), d));
    }
    YamlMapping resolved = new TopLevelMerge(d).merge(resolvedBase.tree(), m, tree.steps());
    // the base read cleanly on its own: what the parser finds in it now, this variant caused
    Causes causes = new Causes(path.toString(), List.copyOf(through.keySet()));
    if (d.hasErrors()) {
      // one pass: what the patches and merges that worked make of the base is still read and
      // checked, so a broken patch or param hides no finding elsewhere in the variant
      Playbook partial;
      java.util.Set<String> unbuilt = java.util.Set.of();
      try {
        partial = PlaybookParser.read(doc.withRoot(resolved));
      } catch (InvalidInputException e) {
        for (runbook.diag.Diagnostic x : e.diagnostics()) {
          // a patch's problem (a duplicate id) may be the parser's too: once is enough
          if (d.sorted().stream().noneMatch(y -> y.rule().equals(x.rule()) && y.span().equals(x.span()))) {
            d.add(causes.relocate(x));
          }
        }
        partial = e.partial();
        unbuilt = e.unbuilt();
      }
      throw new InvalidInputException(d.sorted(), partial, unbuilt);
    }
    try {
      return new Resolved(resolved, PlaybookParser.read(doc.withRoot(resolved)));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.diagnostics().stream().map(causes::relocate).sorted().toList(), e.partial(),
          e.unbuilt());
    }
  }

  /** The variant's causes, read only when a finding in a base needs one. */
  private static final class Causes {
    private final String file;
    private final List<String> bases;
    private VariantCauses causes;

    Causes(String file, List<String> bases) {
      this.file = file;
      this.bases = bases;
    }

    runbook.diag.Diagnostic relocate(runbook.diag.Diagnostic x) {
      if (x.span().file().equals(file)) {
        return x;
      }
      if (causes == null) {
        causes = VariantCauses.of(file, bases);
      }
      return causes.relocate(x);
    }
  }

  /** The base file, relative to the variant; null after reporting a missing one or a cycle. */
  private Path base(Path variant, MappingReader m, Diagnostics d) {
    YamlScalar value = YamlValues.scalar(m.node("extends"), d, "`extends`", "the path of the playbook to change");
    if (value == null) {
      return null;
    }
    Path parent = variant.getParent();
    Path base = (parent == null ? Path.of(value.value()) : parent.resolve(value.value())).normalize();
    String problem = runbook.files.InputFiles.problem(base);
    if (problem != null) {
      d.error(VariantRule.MISSING_BASE, value.valueSpan(),
          "the base playbook " + base + (problem.equals("no such file") ? " does not exist" : " " + problem),
          "`extends` is a path relative to this file's folder (" + (parent == null ? "." : parent) + ")");
      return null;
    }
    Path id = identity(base);
    int first = visiting.indexOf(id);
    if (first < 0 && !id.equals(identity(variant))) {
      return base;
    }
    List<String> cycle = new ArrayList<>();
    for (Path p : visiting.subList(first < 0 ? visiting.size() : first, visiting.size())) {
      cycle.add(nameOf(p));
    }
    cycle.add(variant.toString());
    cycle.add(base.toString());
    d.error(VariantRule.EXTENDS_CYCLE, value.valueSpan(),
        "variants extend each other in a circle: " + String.join(" -> ", cycle),
        "a variant cannot extend itself, not even through another variant; point `extends` at the playbook it changes");
    return null;
  }

  /** The name the spans of an already visited file use. */
  private String nameOf(Path identity) {
    for (String name : through.keySet()) {
      if (identity(Path.of(name)).equals(identity)) {
        return name;
      }
    }
    return identity.toString();
  }

  /** Two paths to the same file compare equal. */
  private static Path identity(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
