package runbook.exec;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Replaces every secret value with {@code ***}. One instance per run, built from the secret
 * params' values, and applied wherever text leaves the engine: console, journal, log, report,
 * params file, the copy of the playbook.
 */
public final class Masker implements UnaryOperator<String> {
  public static final String MASK = "***";
  public static final Masker NONE = new Masker(List.of());

  private final List<String> secrets;

  public Masker(Collection<String> secrets) {
    // longest first, so a secret that contains another is masked whole
    this.secrets =
        secrets.stream()
            .filter(s -> s != null && !s.isEmpty())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  public String mask(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  @Override
  public String apply(String text) {
    return mask(text);
  }
}
