package runbook.lint;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import runbook.model.Command;
import runbook.model.Playbook;
import runbook.model.SourceSpan;
import runbook.model.Step;
import runbook.model.Template;
import runbook.scenario.Scenario;

/** One scenario under lint, with the playbook it rehearses and the lines of its file. */
public final class ScenarioLint {
  private final Scenario scenario;
  private final Playbook playbook;
  private final Map<String, Step> steps = new java.util.LinkedHashMap<>();
  private final List<String> lines;
  private Set<String> programs;
  private boolean anyProgram;

  ScenarioLint(Scenario scenario, Playbook playbook, List<String> lines) {
    this.scenario = scenario;
    this.playbook = playbook;
    this.lines = lines;
    for (Step s : playbook.allSteps()) {
      steps.putIfAbsent(s.id(), s);
    }
  }

  public Scenario scenario() {
    return scenario;
  }

  public Playbook playbook() {
    return playbook;
  }

  public Map<String, Step> steps() {
    return steps;
  }

  /**
   * Where {@code id} is written in the list under {@code key} ({@code approve}, {@code ran}, ...):
   * the reader keeps no position for list elements, so the file's text is searched.
   */
  SourceSpan positionOf(String key, String id) {
    Pattern keyLine = Pattern.compile("^\\s*(-\\s*)?" + Pattern.quote(key) + "\\s*:");
    Pattern word = Pattern.compile("(?<![\\w-])" + Pattern.quote(id) + "(?![\\w-])");
    for (int i = 0; i < lines.size(); i++) {
      if (!keyLine.matcher(lines.get(i)).find()) {
        continue;
      }
      for (int j = i; j < lines.size(); j++) {
        String text = j == i ? lines.get(j).substring(lines.get(j).indexOf(':') + 1) : lines.get(j);
        Matcher m = word.matcher(text);
        if (m.find()) {
          int offset = j == i ? lines.get(j).indexOf(':') + 1 : 0;
          return new SourceSpan(scenario.span().file(), j + 1, offset + m.start() + 1);
        }
      }
    }
    return scenario.span();
  }

  /**
   * The programs the playbook runs (first words, and every word of a shell line) and those it
   * {@code requires}: a simulated run checks {@code requires} against the scenario's rules.
   */
  Set<String> programs() {
    if (programs == null) {
      programs = new LinkedHashSet<>();
      for (runbook.model.Ref r : playbook.requires()) {
        programs.add(r.id());
      }
      for (Step s : steps.values()) {
        for (Command c : s.commands()) {
          addPrograms(c);
        }
      }
    }
    return programs;
  }

  /** Whether some command's program is only known at run time (a template in its first word). */
  boolean runsUnknownProgram() {
    programs();
    return anyProgram;
  }

  private void addPrograms(Command c) {
    if (c.args() != null) {
      addProgram(c.args().isEmpty() ? null : c.args().get(0));
      return;
    }
    String text = c.line().text().strip();
    if (c.shell()) {
      for (String w : text.split("[\\s|;&()`]+")) {
        if (!w.isEmpty()) {
          programs.add(w);
        }
      }
      return;
    }
    addProgram(new Template(text.split("\\s+", 2)[0], c.line().span()));
  }

  private void addProgram(Template first) {
    if (first == null) {
      return;
    }
    if (first.hasPlaceholders()) {
      anyProgram = true;
    } else {
      programs.add(first.text());
    }
  }
}
