package runbook.scenario;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import runbook.model.SourceSpan;

/**
 * A rehearsal scenario: a simulated host for one playbook, and what a run against it must show.
 *
 * @param file the scenario file as given
 * @param title one line
 * @param playbook the playbook, resolved relative to the scenario file
 * @param params values as {@code --set} would give them
 * @param approve the confirms answered yes; every other confirm is declined
 * @param rules the answers, first match wins
 * @param expect what the run must show
 */
public record Scenario(
    Path file,
    String title,
    Path playbook,
    Map<String, String> params,
    List<String> approve,
    List<CommandRule> rules,
    Expectation expect,
    SourceSpan span) {
  public Scenario {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(playbook, "playbook");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    approve = List.copyOf(approve);
    rules = List.copyOf(rules);
    Objects.requireNonNull(expect, "expect");
  }

  /** The name {@code runbook test} prints: the file name without {@code .scenario.yaml}. */
  public String name() {
    String n = file.getFileName().toString();
    for (String suffix : List.of(".scenario.yaml", ".scenario.yml", ".yaml", ".yml")) {
      if (n.endsWith(suffix)) {
        return n.substring(0, n.length() - suffix.length());
      }
    }
    return n;
  }
}
