package runbook.lint;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import runbook.diag.Diagnostic;
import runbook.diag.Severity;
import runbook.diag.Suggestions;
import runbook.model.SourceSpan;
import runbook.diag.Rule;

/** Names that no param, var, step or context defines: at run time they fail, never read as null. */
final class UndefinedNameCheck implements PlaybookCheck {
  static final Rule RULE =
      new Rule("undefined-name", Severity.ERROR, "an expression reads a name that nothing defines",
          Rule.Section.CHECK);

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void check(PlaybookLint lint, List<Diagnostic> out) {
    Set<String> global = new LinkedHashSet<>();
    global.addAll(lint.playbook().params().keySet());
    global.addAll(lint.playbook().vars().keySet());
    global.addAll(lint.steps().keySet());
    global.addAll(lint.unbuilt());
    global.addAll(PlaybookLint.CONTEXT_NAMES);
    for (Site site : lint.sites()) {
      Set<String> read = lint.names(site);
      if (read.isEmpty()) {
        continue;
      }
      if (defined(read, global, site)) {
        continue;
      }
      Set<String> scope = new LinkedHashSet<>(global);
      scope.addAll(site.locals());
      Set<String> unplaced = new LinkedHashSet<>(read);
      for (ExprText.Access a : ExprText.accesses(site, read)) {
        unplaced.remove(a.name());
        if (!scope.contains(a.name())) {
          out.add(finding(a.name(), ExprText.position(site.span(), site.text(), a.offset()), site, scope));
        }
      }
      for (String name : unplaced) {
        if (!scope.contains(name)) {
          out.add(finding(name, site.span(), site, scope));
        }
      }
    }
  }

  /** Whether every name read is defined: the common case, answered without locating each read. */
  private static boolean defined(Set<String> read, Set<String> global, Site site) {
    for (String name : read) {
      if (!global.contains(name) && !site.locals().contains(name)) {
        return false;
      }
    }
    return true;
  }

  private static Diagnostic finding(String name, SourceSpan span, Site site, Set<String> scope) {
    return RULE.at(
        span,
        "`" + name + "` is not a param, var, step id or context name" + where(site),
        Suggestions.didYouMean(name, scope));
  }

  private static String where(Site site) {
    if (site.key().equals("that") || site.key().equals("message")) {
      return site.locals().isEmpty() ? "" : " (here also " + String.join(", ", site.locals().stream().sorted().toList()) + ")";
    }
    return "";
  }
}
