package runbook.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.expr.ExprEngine;
import runbook.lint.LintFiles;
import runbook.lint.LintFormat;
import runbook.lint.LintReport;
import runbook.lint.LintRules;
import runbook.lint.Linter;

/** {@code runbook lint PATH...}: check playbooks and scenarios without running anything. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Check playbooks, variants and scenarios without running anything.",
      "Directories are searched recursively for *.yaml and *.yml files with a top-level `runbook:`, `extends:` or"
          + " `scenario:` key; every other one is listed as skipped.",
      "Exit codes: 0 clean, 1 findings (errors; warnings too with --strict), 64 usage, 66 missing path or nothing to lint."
    },
    sortOptions = false)
public final class LintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand private Main main;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to lint, or names of installed playbooks.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json, sarif or github (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--strict", description = "Warnings fail too.")
  boolean strict;

  @Option(names = "--disable", paramLabel = "RULE", description = "Leave this rule out (repeatable).")
  List<String> disable = new ArrayList<>();

  @Override
  public Integer call() throws IOException, NoInputException {
    LintFormat fmt = format();
    for (String id : disable) {
      if (LintRules.byId(id).isEmpty()) {
        String hint = LintRules.suggest(id);
        throw new ParameterException(spec.commandLine(), "--disable: unknown rule `" + id + "`"
            + (hint == null ? "; the rules are listed in docs/lint-rules.md" : "; " + hint));
      }
    }
    List<String> missing = new ArrayList<>();
    paths.replaceAll(p -> PlaybookNames.resolve(p, main.context().env()));
    for (Path p : paths) {
      if (!Files.exists(p)) {
        missing.add(p + PlaybookNames.notFoundHint(p, main.context().env()));
      }
    }
    if (!missing.isEmpty()) {
      throw new NoInputException("no such file or directory: " + String.join(", ", missing));
    }
    Linter linter = new Linter(ExprEngine::new, new LinkedHashSet<>(disable));
    LintFiles.Selection selection = LintFiles.select(paths);
    LintReport linted = linter.lint(selection.files());
    List<Diagnostic> findings = new ArrayList<>(linted.findings());
    findings.addAll(selection.notes());
    findings.sort(null);
    LintReport report = new LintReport(linted.files(), findings);
    PrintWriter out = spec.commandLine().getOut();
    out.print(fmt.render(report));
    out.flush();
    if (selection.files().isEmpty() && selection.notes().stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
      throw new NoInputException("nothing to lint: no playbook, variant or scenario in " + String.join(", ",
          paths.stream().map(Path::toString).toList()) + (selection.notes().isEmpty() ? "" : " (every file found is listed above)"));
    }
    return report.failed(strict) ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private LintFormat format() {
    for (LintFormat f : LintFormat.values()) {
      if (f.key().equals(format.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new ParameterException(spec.commandLine(),
        "--format: expected text, json, sarif or github, found `" + format + "`");
  }
}
