package runbook.lint;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import runbook.diag.Diagnostic;
import runbook.diag.Rule;
import runbook.diag.Severity;
import runbook.model.Command;
import runbook.model.Ref;
import runbook.model.Step;

/**
 * A secret param (or a var built from one) in the arguments of a command, where every local user
 * reads it in {@code /proc/PID/cmdline} while the command runs. A run refuses it before the first
 * step ({@link RunReadiness}), unless the command names it in {@code accept-secret-in-argv}. In a
 * {@code shell: true} script the value arrives in the environment, but the script hands it to the
 * programs it runs as an argument, which the engine cannot tell from a builtin: it counts too.
 */
final class SecretInArgvCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule(
          "secret-in-argv",
          Severity.ERROR,
          "a secret param is in a command's arguments, visible to every local user in the process list",
          Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    Set<String> secret = SecretPrintedCheck.secretNames(lint);
    for (Step step : lint.playbook().allSteps()) {
      for (Command c : step.commands()) {
        for (Ref ref : c.secretsInArgv()) {
          if (!secret.contains(ref.id())) {
            out.add(RULE.at(ref.span(), "`accept-secret-in-argv` names `" + ref.id()
                    + "`, which is not a secret param nor a var built from one",
                "name the secret params this command may show in the process list"
                    + (secret.isEmpty() ? "; the playbook has none, so drop the key" : ": " + String.join(", ", secret))));
          }
        }
      }
    }
    if (secret.isEmpty()) {
      return;
    }
    for (Site site : lint.sites()) {
      if (!isArgv(site.key())) {
        continue;
      }
      Set<String> accepted = new LinkedHashSet<>();
      site.step().commands().forEach(c -> c.secretsInArgv().forEach(r -> accepted.add(r.id())));
      for (ExprText.Access a : ExprText.accesses(site, lint.names(site))) {
        if (secret.contains(a.name()) && !site.locals().contains(a.name()) && !accepted.contains(a.name())) {
          String what = lint.playbook().params().containsKey(a.name())
              ? "secret param `" + a.name() + "`"
              : "var `" + a.name() + "`, built from a secret param,";
          out.add(RULE.at(ExprText.position(site.span(), site.text(), a.offset()),
              what + " is in the arguments of a command, where every local user reads it in the process list"
                  + " while the command runs; a run refuses this",
              "pass it through the command's `stdin:` or `env:` (read by the program, not put on its command line);"
                  + " if the program takes it no other way, add `accept-secret-in-argv: [" + a.name() + "]` to the step"));
        }
      }
    }
  }

  /** The keys whose templates become a command's arguments (or, with {@code shell: true}, its script). */
  static boolean isArgv(String key) {
    return key.equals("run") || key.endsWith(".run");
  }
}
