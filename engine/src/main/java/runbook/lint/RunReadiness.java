package runbook.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import runbook.diag.Diagnostic;
import runbook.diag.InvalidInputException;
import runbook.diag.Severity;
import runbook.expr.ExprEngine;
import runbook.model.Playbook;
import runbook.variant.PlaybookLoader;

/**
 * What a run checks before its first step, beyond what the parser already refused: every lint
 * check whose findings are errors (every expression and template compiles, stays inside the
 * sandbox, names only what exists and what has run by then, ...), and the warnings in
 * {@link #REFUSED}. Otherwise
 * a typo in the swap step would surface only after the pool had been taken offline.
 */
public final class RunReadiness {

  /**
   * Warnings a run still refuses: a command whose shell syntax reaches the program as arguments does
   * not do what is written, and would fail (or worse) only when the run reaches it.
   */
  private static final Set<String> REFUSED = Set.of("shell-syntax");

  private RunReadiness() {}

  /**
   * The playbook in {@code file}, as {@link PlaybookLoader#load} reads it; when it does not parse,
   * the exception holds the parser's problems and, in the same pass, those of {@link #problems} over
   * what could be built, so that the operator fixes everything at once.
   */
  public static Playbook load(Path file) throws InvalidInputException {
    try {
      Playbook playbook = PlaybookLoader.load(file);
      runbook.exec.Phases.mark("read");
      return playbook;
    } catch (InvalidInputException e) {
      if (e.partial() == null) {
        throw e;
      }
      List<Diagnostic> all = new ArrayList<>(e.diagnostics());
      ExprEngine engine = new ExprEngine();
      List<Diagnostic> found = problems(e.partial(), engine, e.unbuilt());
      // a variant answers for what it caused, whether or not it also has problems of its own
      List<Diagnostic> attributed = e.partial().sources().size() > 1
          ? VariantAttribution.attribute(e.partial(), found, base -> problems(base, engine, Set.of()), true)
          : PlaybookLoader.annotate(e.partial(), found);
      for (Diagnostic d : attributed) {
        if (!all.contains(d)) {
          all.add(d);
        }
      }
      all.sort(null);
      throw new InvalidInputException(all);
    }
  }

  /** The findings that make the playbook unfit to start; empty when it may run. */
  public static List<Diagnostic> problems(Playbook playbook, ExprEngine engine) {
    List<Diagnostic> out = new ArrayList<>(VariantAttribution.attribute(playbook, problems(playbook, engine, Set.of()),
        base -> problems(base, engine, Set.of()), true));
    out.sort(null);
    return out;
  }

  private static List<Diagnostic> problems(Playbook playbook, ExprEngine engine, Set<String> unbuilt) {
    PlaybookLint lint = new PlaybookLint(playbook, () -> engine, unbuilt);
    List<Diagnostic> out = new ArrayList<>();
    for (PlaybookCheck check : LintRules.playbookChecks()) {
      // every check whose findings are errors blocks the run: a list of chosen rules would miss
      // the next error rule (a read of a step that has not run yet was missed that way)
      if (check.rule().severity() == Severity.ERROR || REFUSED.contains(check.rule().id())) {
        List<Diagnostic> found = new ArrayList<>();
        check.check(lint, found);
        found.stream().filter(d -> d.severity() == Severity.ERROR || REFUSED.contains(d.rule())).forEach(out::add);
      }
    }
    out.sort(null);
    return out;
  }
}
