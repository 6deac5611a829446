package runbook.lint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import runbook.diag.Diagnostic;
import runbook.model.GroupStep;
import runbook.model.Playbook;
import runbook.model.RequireStateStep;
import runbook.model.SourceSpan;
import runbook.model.Step;

/**
 * {@code # runbook-lint: disable=rule-id[,rule-id]}: in the comments at the top of a file it silences
 * those rules in the whole file; in the comments right above a step, within that step (its lines up
 * to the next step that is not part of it).
 */
final class Suppressions {
  private static final Pattern DISABLE = Pattern.compile("^\\s*#\\s*runbook-lint:\\s*disable\\s*=\\s*([A-Za-z0-9_-]+(?:\\s*,\\s*[A-Za-z0-9_-]+)*)");

  /** Lines [from, to] (1-based, inclusive) where some rules are silenced. */
  private record Range(int from, int to, Set<String> rules) {}

  private final String file;
  private final List<Range> ranges = new ArrayList<>();
  private final List<Diagnostic> unknown = new ArrayList<>();

  Suppressions(String file, List<String> lines, Playbook playbook) {
    this.file = file;
    int top = 0;
    while (top < lines.size() && isCommentOrBlank(lines.get(top))) {
      top++;
    }
    Set<String> fileWide = rulesIn(lines, 0, top);
    if (!fileWide.isEmpty()) {
      ranges.add(new Range(1, Integer.MAX_VALUE, fileWide));
    }
    if (playbook != null) {
      stepRanges(lines, playbook);
    }
  }

  /** Findings for disable comments that name no rule. */
  List<Diagnostic> unknownRules() {
    return unknown;
  }

  boolean silences(Diagnostic d) {
    if (!d.span().file().equals(file)) {
      return false;
    }
    for (Range r : ranges) {
      if (r.rules().contains(d.rule()) && d.span().line() >= r.from() && d.span().line() <= r.to()) {
        return true;
      }
    }
    return false;
  }

  private void stepRanges(List<String> lines, Playbook playbook) {
    List<Step> inFile = new ArrayList<>();
    for (Step s : playbook.allSteps()) {
      if (s.info().span().file().equals(file)) {
        inFile.add(s);
      }
    }
    inFile.sort(Comparator.comparingInt(s -> s.info().span().line()));
    for (int i = 0; i < inFile.size(); i++) {
      Step s = inFile.get(i);
      int line = s.info().span().line();
      int above = line - 1;
      while (above > 0 && lines.get(above - 1).strip().startsWith("#")) {
        above--;
      }
      Set<String> rules = rulesIn(lines, above, line - 1);
      if (rules.isEmpty()) {
        continue;
      }
      Set<Step> inner = descendants(s);
      int end = Integer.MAX_VALUE;
      for (int j = i + 1; j < inFile.size(); j++) {
        if (!inner.contains(inFile.get(j))) {
          end = inFile.get(j).info().span().line() - 1;
          break;
        }
      }
      ranges.add(new Range(line, end, rules));
    }
  }

  /** Rules named by disable comments on lines [from, to) (0-based). */
  private Set<String> rulesIn(List<String> lines, int from, int to) {
    Set<String> rules = new LinkedHashSet<>();
    for (int i = from; i < to; i++) {
      Matcher m = DISABLE.matcher(lines.get(i));
      if (!m.find()) {
        continue;
      }
      String list = m.group(1);
      int col = m.start(1);
      for (String id : list.split(",")) {
        String rule = id.strip();
        if (rule.isEmpty()) {
          col += id.length() + 1;
          continue;
        }
        if (LintRules.byId(rule).isEmpty()) {
          int at = col + id.indexOf(rule) + 1;
          unknown.add(LintRules.UNKNOWN_RULE.at(new SourceSpan(file, i + 1, at),
              "`" + rule + "` is not a lint rule", LintRules.suggest(rule)));
        }
        rules.add(rule);
        col += id.length() + 1;
      }
    }
    return rules;
  }

  private static boolean isCommentOrBlank(String line) {
    String s = line.strip();
    return s.isEmpty() || s.startsWith("#") || s.equals("---");
  }

  private static Set<Step> descendants(Step s) {
    Map<Step, Boolean> out = new IdentityHashMap<>();
    addChildren(s, out);
    return out.keySet();
  }

  private static void addChildren(Step s, Map<Step, Boolean> out) {
    for (Step c : s.children()) {
      out.put(c, Boolean.TRUE);
      addChildren(c, out);
    }
  }
}
