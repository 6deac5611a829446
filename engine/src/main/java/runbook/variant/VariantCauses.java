package runbook.variant;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.model.SourceSpan;
import runbook.parse.YamlDocument;
import runbook.parse.YamlMapping;
import runbook.parse.YamlNode;
import runbook.parse.YamlScalar;
import runbook.parse.YamlSequence;

/**
 * Where in a variant a finding about its base was caused. A variant changes its base through named
 * keys: patches that target a step, the steps it inserts, and the entries of {@code requires},
 * {@code params}, {@code env} and {@code vars}. A finding located in a base that the base on its own
 * does not have was caused by one of them; this finds which, from what the finding is about (the
 * step, param, var, env variable or program written at its position in the base) and what its
 * message names, and moves the finding there, so that {@code file:line:col} points at the key in
 * the variant that caused it. Only when nothing the variant changes is involved does the finding go
 * to the variant's {@code patch:} (or {@code extends:}) key.
 */
public final class VariantCauses {
  /** A name in backquotes of a message: an id, a var, a program, a field path's first part. */
  private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** What something in a base is, as a key of {@link #named}: {@code step:id}, {@code var:x}... */
  private record Subject(SourceSpan at, String key, List<String> enclosing) {}

  private final String file;
  /** Step ids the variant replaces or updates, removes, or inserts beside: the operation's key. */
  private final Map<String, SourceSpan> changes = new LinkedHashMap<>();
  private final Map<String, SourceSpan> removes = new LinkedHashMap<>();
  private final Map<String, SourceSpan> inserts = new LinkedHashMap<>();
  /** Everything else the variant names: inserted steps, programs, params (their changed key), env, vars. */
  private final Map<String, SourceSpan> named = new LinkedHashMap<>();
  private final SourceSpan fallback;
  /** What each base file has at each position, in file order. */
  private final List<Subject> subjects = new ArrayList<>();

  private VariantCauses(String file, SourceSpan fallback) {
    this.file = file;
    this.fallback = fallback;
  }

  /**
   * @param variant the variant file, as its spans name it
   * @param bases the files its base was resolved from (spans of a finding in a base name one of them)
   */
  public static VariantCauses of(String variant, List<String> bases) {
    YamlMapping root = root(variant);
    YamlMapping.Entry ext = root == null ? null : root.entry("extends");
    YamlMapping.Entry patch = root == null ? null : root.entry("patch");
    SourceSpan fallback = patch != null ? patch.key().span() : ext != null ? ext.key().span() : new SourceSpan(variant, 1, 1);
    VariantCauses c = new VariantCauses(variant, fallback);
    for (String base : bases) {
      if (!base.equals(variant)) {
        YamlMapping b = root(base);
        if (b != null) {
          c.readBase(b);
        }
      }
    }
    if (root != null) {
      c.readVariant(root);
    }
    c.subjects.sort((a, b) -> Integer.compare(a.at().line(), b.at().line()) != 0
        ? Integer.compare(a.at().line(), b.at().line()) : Integer.compare(a.at().column(), b.at().column()));
    return c;
  }

  private static YamlMapping root(String file) {
    try {
      return YamlDocument.load(Path.of(file)).root() instanceof YamlMapping m ? m : null;
    } catch (InvalidInputException e) {
      return null; // read a moment ago; were it unreadable now, the fallback stands in
    }
  }

  private void readVariant(YamlMapping root) {
    if (root.entry("patch") != null && root.entry("patch").value() instanceof YamlSequence seq) {
      for (YamlNode item : seq.items()) {
        if (item instanceof YamlMapping m) {
          put(m, "replace", changes);
          put(m, "update", changes);
          put(m, "remove", removes);
          put(m, "before", inserts);
          put(m, "after", inserts);
          for (String list : List.of("steps", "with")) {
            YamlMapping.Entry e = m.entry(list);
            if (e != null) {
              StepTree.ids(e.value() instanceof YamlMapping one ? Patcher.listOf(one) : e.value())
                  .forEach((id, at) -> named.putIfAbsent("step:" + id, at));
            }
          }
        }
      }
    }
    YamlMapping.Entry requires = root.entry("requires");
    if (requires != null && requires.value() instanceof YamlMapping m) {
      m.entries().forEach(e -> named.putIfAbsent("program:" + e.keyText(), e.key().span()));
    } else if (requires != null && requires.value() instanceof YamlSequence s) {
      s.items().forEach(i -> {
        if (i instanceof YamlScalar p) {
          named.putIfAbsent("program:" + p.value(), p.span());
        }
      });
    }
    for (String section : List.of("env", "vars", "params")) {
      YamlMapping.Entry e = root.entry(section);
      if (e != null && e.value() instanceof YamlMapping m) {
        for (YamlMapping.Entry entry : m.entries()) {
          // a base's param changed key by key: the key it changes is what changed it (`type: int`)
          boolean changesBase = subjects.stream().anyMatch(x -> x.key().equals("param:" + entry.keyText()));
          SourceSpan at = changesBase && entry.value() instanceof YamlMapping keys && !keys.entries().isEmpty()
              ? keys.entries().get(0).key().span() : entry.key().span();
          named.putIfAbsent(kind(section) + ":" + entry.keyText(), at);
        }
      }
    }
  }

  private static String kind(String section) {
    return switch (section) {
      case "vars" -> "var";
      case "params" -> "param";
      default -> section;
    };
  }

  private void readBase(YamlMapping root) {
    for (String section : List.of("env", "vars", "params")) {
      YamlMapping.Entry e = root.entry(section);
      if (e != null && e.value() instanceof YamlMapping m) {
        m.entries().forEach(x -> subjects.add(new Subject(x.key().span(), kind(section) + ":" + x.keyText(), List.of())));
      }
    }
    YamlMapping.Entry requires = root.entry("requires");
    if (requires != null && requires.value() instanceof YamlSequence s) {
      s.items().forEach(i -> {
        if (i instanceof YamlScalar p) {
          subjects.add(new Subject(p.span(), "program:" + p.value(), List.of()));
        }
      });
    }
    YamlMapping.Entry steps = root.entry("steps");
    if (steps != null) {
      steps(steps.value(), List.of());
    }
  }

  /** Every step in a list and nested in it, with the ids of the steps around it. */
  private void steps(YamlNode list, List<String> around) {
    if (!(list instanceof YamlSequence seq)) {
      return;
    }
    for (YamlNode item : seq.items()) {
      if (!(item instanceof YamlMapping step)) {
        continue;
      }
      YamlScalar id = StepTree.idNode(step);
      List<String> chain = new ArrayList<>();
      if (id != null) {
        chain.add(id.value());
      }
      chain.addAll(around);
      subjects.add(new Subject(step.span(), "step:" + (id == null ? "" : id.value()), List.copyOf(chain)));
      for (YamlMapping.Entry e : step.entries()) {
        if ("steps".equals(e.keyText()) || "on-failure".equals(e.keyText())) {
          steps(e.value(), chain);
        } else if ("require-state".equals(e.keyText()) && e.value() instanceof YamlMapping body && body.entry("fix") != null) {
          steps(body.entry("fix").value(), chain);
        }
      }
    }
  }

  private static void put(YamlMapping m, String op, Map<String, SourceSpan> into) {
    if (m.entry(op) != null && m.entry(op).value() instanceof YamlScalar s) {
      into.putIfAbsent(s.value(), m.entry(op).key().span());
    }
  }

  /** What is written in a base at or before {@code span}; null when nothing is. */
  private Subject subjectAt(SourceSpan span) {
    Subject best = null;
    for (Subject s : subjects) {
      SourceSpan at = s.at();
      if (at.file().equals(span.file())
          && (at.line() < span.line() || at.line() == span.line() && at.column() <= span.column())) {
        best = s;
      }
    }
    return best;
  }

  /** Where the variant changed the step {@code id} (or a step around it); null when it did not. */
  public SourceSpan changed(String id) {
    for (Subject s : subjects) {
      if (s.key().equals("step:" + id)) {
        for (String around : s.enclosing()) {
          if (changes.containsKey(around)) {
            return changes.get(around);
          }
        }
        return null;
      }
    }
    return changes.get(id);
  }

  /** {@link #changed}, else the variant's {@code patch:} key. */
  public SourceSpan changedOrFallback(String id) {
    SourceSpan at = changed(id);
    return at != null ? at : fallback;
  }

  /**
   * The key in the variant that most likely caused {@code d}, a finding located in a base: the patch
   * that changed the step it is about (or a step around it), the variant's entry for the param, var,
   * env variable or program it is about, then what its message names (a removed or changed step, an
   * inserted one, a var, a param, a program), a removal, an insert beside the step; else the
   * {@code patch:} key.
   */
  public SourceSpan cause(Diagnostic d) {
    Subject subject = subjectAt(d.span());
    if (subject != null) {
      for (String id : subject.enclosing()) {
        if (changes.containsKey(id)) {
          return changes.get(id);
        }
      }
      if (!subject.key().startsWith("step:") && named.containsKey(subject.key())) {
        return named.get(subject.key());
      }
    }
    Matcher quoted = QUOTED.matcher(d.message());
    while (quoted.find()) {
      Matcher name = NAME.matcher(quoted.group(1));
      while (name.find()) {
        String n = name.group();
        for (String key : List.of("step:" + n, "var:" + n, "param:" + n, "env:" + n, "program:" + n)) {
          if (named.containsKey(key)) {
            return named.get(key);
          }
        }
        if (changes.containsKey(n)) {
          return changes.get(n);
        }
        if (removes.containsKey(n)) {
          return removes.get(n);
        }
      }
    }
    if (!removes.isEmpty()) {
      return removes.values().iterator().next();
    }
    if (subject != null) {
      for (String id : subject.enclosing()) {
        if (inserts.containsKey(id)) {
          return inserts.get(id);
        }
      }
    }
    return fallback;
  }

  /**
   * The finding moved to where the variant caused it; its message starts with where in the base it
   * is ({@code through this variant, in base.yaml:27:21 (step `write`): ...}).
   */
  public Diagnostic relocate(Diagnostic d) {
    if (d.span().file().equals(file)) {
      return d;
    }
    Subject subject = subjectAt(d.span());
    String about = "";
    if (subject != null && !subject.key().endsWith(":")) {
      int colon = subject.key().indexOf(':');
      about = " (" + subject.key().substring(0, colon) + " `" + subject.key().substring(colon + 1) + "`)";
    }
    return new Diagnostic(d.severity(), d.rule(), "through this variant, in " + d.span() + about + ": " + d.message(),
        cause(d), d.hint());
  }
}
