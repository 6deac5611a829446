package runbook.lint;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.model.Param;
import runbook.diag.Rule;

/**
 * A secret param (or a var derived from one) used where its value is shown: a title, doc, message,
 * prompt, assertion text, a command's {@code cwd} or {@code output-file}. It would be masked, and a
 * masked text helps nobody. A command's arguments are {@link SecretInArgvCheck}'s.
 */
final class SecretPrintedCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule(
          "secret-printed",
          Severity.ERROR,
          "a secret param is used where its value is printed (title, message, prompt)",
          Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    Set<String> secret = secretNames(lint);
    if (secret.isEmpty()) {
      return;
    }
    for (Site site : lint.sites()) {
      if (!site.printed() || SecretInArgvCheck.isArgv(site.key())) {
        continue;
      }
      for (ExprText.Access a : ExprText.accesses(site, lint.names(site))) {
        if (secret.contains(a.name()) && !site.locals().contains(a.name())) {
          String what = lint.playbook().params().containsKey(a.name())
              ? "secret param `" + a.name() + "`"
              : "var `" + a.name() + "`, built from a secret param,";
          out.add(RULE.at(ExprText.position(site.span(), site.text(), a.offset()),
              what + " is used in `" + site.key() + "`, where its value is printed",
              "leave the secret out of this text; name what it is for instead"));
        }
      }
    }
  }

  /** Secret params, and the vars whose value is built from one, directly or through other vars. */
  static Set<String> secretNames(PlaybookLint lint) {
    Set<String> secret = new LinkedHashSet<>();
    for (Param p : lint.playbook().params().values()) {
      if (p.secret()) {
        secret.add(p.name());
      }
    }
    boolean grew = !secret.isEmpty();
    while (grew) {
      grew = false;
      for (Map.Entry<String, runbook.model.Template> v : lint.playbook().vars().entrySet()) {
        if (!secret.contains(v.getKey())
            && lint.names(v.getValue()).stream().anyMatch(secret::contains)) {
          secret.add(v.getKey());
          grew = true;
        }
      }
    }
    return secret;
  }
}
