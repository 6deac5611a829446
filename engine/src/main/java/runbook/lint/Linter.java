package runbook.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.expr.ExprEngine;
import runbook.model.Playbook;
import runbook.model.SourceSpan;
import runbook.parse.ParseRule;
import runbook.scenario.Scenario;
import runbook.scenario.ScenarioReader;
import runbook.variant.PlaybookLoader;
import runbook.diag.Rule;

/**
 * Lints files without running anything. Every file is linted on its own: one that does not parse
 * yields its parse diagnostics and never stops the others.
 */
public final class Linter {
  private final Supplier<ExprEngine> engine;
  private final Set<String> disabled;

  /**
   * @param engine made on first use, so a file without expressions never loads the expression engine
   * @param disabled rule ids to leave out; each must be a known rule
   */
  public Linter(Supplier<ExprEngine> engine, Set<String> disabled) {
    for (String id : disabled) {
      if (LintRules.byId(id).isEmpty()) {
        throw new IllegalArgumentException("unknown rule id: " + id);
      }
    }
    this.engine = memoize(engine);
    this.disabled = Set.copyOf(disabled);
  }

  /** Lints every file, in parallel, and returns the findings sorted by file and position. */
  public LintReport lint(List<Path> files) {
    List<Diagnostic> all = Collections.synchronizedList(new ArrayList<>());
    files.parallelStream().forEach(f -> all.addAll(lintFile(f)));
    // a base linted with its variants reports a finding once, not once per file that reaches it
    List<Diagnostic> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(all));
    Collections.sort(sorted);
    return new LintReport(files.stream().map(Path::toString).toList(), sorted);
  }

  /** Every finding about one file that is not disabled; a defect in lint becomes a finding, never an exception. */
  public List<Diagnostic> lintFile(Path file) {
    try {
      return lintReadable(file);
    } catch (RuntimeException e) {
      return List.of(LintRules.INTERNAL.at(new SourceSpan(file.toString(), 1, 1), "lint failed on this file: " + e));
    }
  }

  private List<Diagnostic> lintReadable(Path file) {
    String name = file.toString();
    List<String> lines = readLines(file);
    if (LintFiles.kind(file) == LintFiles.Kind.SCENARIO) {
      return lintScenario(file, lines);
    }
    List<Diagnostic> found = new ArrayList<>();
    Playbook playbook = null;
    Set<String> unbuilt = Set.of();
    boolean parsed = true;
    try {
      playbook = PlaybookLoader.load(file);
    } catch (InvalidInputException e) {
      found.addAll(e.diagnostics());
      // one pass: what could be built is checked too, so a broken step hides nothing else
      playbook = e.partial();
      unbuilt = e.unbuilt();
      parsed = false;
    }
    Suppressions suppressions = new Suppressions(name, lines, playbook);
    found.addAll(suppressions.unknownRules());
    List<Suppressions> all = new ArrayList<>(List.of(suppressions));
    if (playbook != null) {
      // a variant's steps keep their base's positions: the base's comments silence findings there,
      // before a finding the variant caused moves to the variant
      for (String base : playbook.sources()) {
        if (!base.equals(name)) {
          all.add(new Suppressions(base, readLines(Path.of(base)), playbook));
        }
      }
      List<Diagnostic> checked = keep(check(playbook, unbuilt), all);
      // a variant answers for what it caused, whether or not it also has problems of its own
      found.addAll(playbook.sources().size() > 1 ? ownFindings(playbook, checked) : PlaybookLoader.annotate(playbook, checked));
    }
    return keep(found, all);
  }

  private static List<String> readLines(Path file) {
    try {
      // bounded and regular files only: the parser reports a FIFO, a device or a huge file
      return runbook.files.InputFiles.readString(file, runbook.parse.YamlLimits.DEFAULT.maxBytes()).lines().toList();
    } catch (IOException e) {
      // the parser reports an unreadable file with its position and reason; nothing can be silenced in it
      return List.of();
    }
  }

  /**
   * A variant answers only for what it changes: a finding in one of its bases that the base, resolved
   * on its own, has as well is left to the base's own lint; the others are reported against the
   * variant ({@link VariantAttribution}).
   */
  private List<Diagnostic> ownFindings(Playbook playbook, List<Diagnostic> found) {
    return VariantAttribution.attribute(playbook, found, this::check, false);
  }

  /**
   * A scenario's own problems, and those of its references into its playbook. A playbook that does
   * not load is reported when the playbook itself is linted, not once per scenario.
   */
  private List<Diagnostic> lintScenario(Path file, List<String> lines) {
    List<Diagnostic> found = new ArrayList<>();
    Suppressions suppressions = new Suppressions(file.toString(), lines, null);
    found.addAll(suppressions.unknownRules());
    try {
      Scenario scenario = ScenarioReader.read(file);
      if (!Files.isRegularFile(scenario.playbook())) {
        found.add(ParseRule.UNREADABLE.at(
            keyLine(file.toString(), lines, "playbook", scenario.span()),
            "the playbook this scenario rehearses does not exist: " + scenario.playbook(),
            "`playbook:` is relative to the scenario file"));
        return keep(found, suppressions);
      }
      Playbook playbook = PlaybookLoader.load(scenario.playbook());
      ScenarioLint lint = new ScenarioLint(scenario, playbook, lines);
      for (ScenarioCheck c : LintRules.scenarioChecks()) {
        if (!disabled.contains(c.rule().id())) {
          run(c.rule(), () -> c.check(lint, found), scenario.span(), found);
        }
      }
    } catch (InvalidInputException e) {
      for (Diagnostic d : e.diagnostics()) {
        if (d.span().file().equals(file.toString())) {
          found.add(d);
        }
      }
    }
    return keep(found, suppressions);
  }

  private List<Diagnostic> check(Playbook playbook) {
    return check(playbook, Set.of());
  }

  private List<Diagnostic> check(Playbook playbook, Set<String> unbuilt) {
    PlaybookLint lint = new PlaybookLint(playbook, engine, unbuilt);
    List<Diagnostic> out = new ArrayList<>();
    for (PlaybookCheck c : LintRules.playbookChecks()) {
      if (disabled.contains(c.rule().id())) {
        continue;
      }
      run(c.rule(), () -> c.check(lint, out), new SourceSpan(playbook.file(), 1, 1), out);
    }
    return out;
  }

  /** Where a top-level {@code key:} is written, for a value the reader keeps no position of. */
  private static SourceSpan keyLine(String file, List<String> lines, String key, SourceSpan otherwise) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(key + ":")) {
        return new SourceSpan(file, i + 1, 1);
      }
    }
    return otherwise;
  }

  /** Runs one check; a check that throws is reported as a finding, and the other checks still run. */
  private static void run(Rule rule, Runnable check, SourceSpan where, List<Diagnostic> out) {
    try {
      check.run();
    } catch (RuntimeException e) {
      out.add(LintRules.INTERNAL.at(where, "check `" + rule.id() + "` failed: " + e));
    }
  }

  private List<Diagnostic> keep(List<Diagnostic> found, Suppressions suppressions) {
    return keep(found, List.of(suppressions));
  }

  private List<Diagnostic> keep(List<Diagnostic> found, List<Suppressions> suppressions) {
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : found) {
      if (!disabled.contains(d.rule()) && suppressions.stream().noneMatch(s -> s.silences(d))) {
        out.add(d);
      }
    }
    return out;
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T v = value;
        if (v == null) {
          synchronized (this) {
            v = value;
            if (v == null) {
              v = supplier.get();
              value = v;
            }
          }
        }
        return v;
      }
    };
  }
}
