package runbook.parse;

/**
 * What a YAML file may cost to load. Files come from operators and repositories, so a crafted one
 * (an alias bomb, ten thousand nested brackets) must end in a diagnostic, never in an
 * OutOfMemoryError or a StackOverflowError.
 *
 * @param maxBytes largest file accepted
 * @param maxDepth deepest nesting of mappings and lists
 * @param maxAliases most aliases ({@code *name}) in one file
 * @param maxNodes most nodes once every alias is expanded
 */
public record YamlLimits(long maxBytes, int maxDepth, int maxAliases, int maxNodes) {
  public YamlLimits {
    if (maxBytes < 1 || maxDepth < 1 || maxAliases < 0 || maxNodes < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** Far above any real playbook, far below what would hurt. */
  public static final YamlLimits DEFAULT = new YamlLimits(4L * 1024 * 1024, 64, 50, 200_000);
}
