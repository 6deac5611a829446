package runbook.diag;

import java.util.Objects;
import java.util.regex.Pattern;
import runbook.model.SourceSpan;

/**
 * One rule that a diagnostic is reported under, whoever reports it: the parser, the variant
 * resolver, the expression engine, lint's checks or lint itself. A stable id (what {@code --disable}
 * and {@code # runbook-lint: disable=} name), a severity, a one-line summary, and the part of
 * {@code docs/lint-rules.md} that documents it. Every rule is listed once in
 * {@code runbook.lint.LintRules}, which the docs page and SARIF output are checked against.
 *
 * @param id lower case words joined by {@code -}; never changes once released
 * @param severity what every finding of this rule is
 * @param summary one line, shown in SARIF output and in the docs page's index
 * @param section where the docs page documents it
 */
public record Rule(String id, Severity severity, String summary, Section section) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** The parts of {@code docs/lint-rules.md}, in its order: who reports the rules of each. */
  public enum Section {
    PARSE("Reading a file", "the parser: what makes a playbook, variant or scenario unreadable"),
    VARIANT("Variants", "the variant resolver: what makes `extends` and `patch` fail"),
    CHECK("Checks over a playbook", "expressions, result fields, commands, flow and safety, checked before the first step"),
    SCENARIO("Scenarios", "a rehearsal scenario's references into its playbook"),
    LINT("Lint itself", "which files are linted, lint comments, and lint's own defects");

    private final String heading;
    private final String about;

    Section(String heading, String about) {
      this.heading = heading;
      this.about = about;
    }

    public String heading() {
      return heading;
    }

    public String about() {
      return about;
    }
  }

  public Rule {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(section, "section");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a rule id is lower-case words joined by '-': " + id);
    }
  }

  /** An error rule of the parser or the variant resolver: what they reject is always an error. */
  public static Rule error(String id, String summary, Section section) {
    return new Rule(id, Severity.ERROR, summary, section);
  }

  /** Where the rule is documented, relative to the project root. */
  public String docs() {
    return "docs/lint-rules.md#" + id;
  }

  /** A finding of this rule at {@code span}. */
  public Diagnostic at(SourceSpan span, String message) {
    return new Diagnostic(severity, id, message, span, null);
  }

  /** A finding of this rule at {@code span}, with a hint on how to fix it; {@code hint} may be null. */
  public Diagnostic at(SourceSpan span, String message, String hint) {
    return new Diagnostic(severity, id, message, span, hint);
  }
}
