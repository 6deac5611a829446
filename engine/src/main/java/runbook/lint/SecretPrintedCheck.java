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
 * A secret param (or a var derived from one) used where its value is shown or visible to others: a
 * title, doc, message, prompt, assertion text, or a command line (which every user on the host can
 * read in the process list). A command gets a secret through {@code stdin} or {@code env}.
 */
final class SecretPrintedCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule(
          "secret-printed",
          Severity.ERROR,
          "a secret param is used where its value is printed or visible (title, message, command line)",
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
      if (!site.printed()) {
        continue;
      }
      for (ExprText.Access a : ExprText.accesses(site, lint.names(site))) {
        if (secret.contains(a.name()) && !site.locals().contains(a.name())) {
          boolean command = site.key().contains("run");
          String what = lint.playbook().params().containsKey(a.name())
              ? "secret param `" + a.name() + "`"
              : "var `" + a.name() + "`, built from a secret param,";
          out.add(RULE.at(ExprText.position(site.span(), site.text(), a.offset()),
              what + " is used in `" + site.key() + "`, where its value is "
                  + (command ? "visible to every user in the process list" : "printed"),
              command ? "pass it through the command's `stdin:` or `env:` instead"
                  : "leave the secret out of this text; name what it is for instead"));
        }
      }
    }
  }

  /** Secret params, and the vars whose value is built from one, directly or through other vars. */
  private static Set<String> secretNames(PlaybookLint lint) {
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
