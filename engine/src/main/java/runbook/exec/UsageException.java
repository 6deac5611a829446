package runbook.exec;

import java.util.List;

/**
 * The operator asked for something the playbook cannot do (a bad or missing param, an unknown
 * step id for {@code --from} or {@code --approve}): every problem is listed together and nothing
 * has run.
 */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public UsageException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
