package runbook.parse;

import runbook.model.SourceSpan;

/**
 * A node of a loaded YAML document with its 1-based position. Aliases are resolved: an alias is
 * the very node its anchor names. Mapping keys are kept in file order, duplicates included (they
 * are reported by {@link YamlDocument}).
 */
public sealed interface YamlNode permits YamlScalar, YamlMapping, YamlSequence {
  /** Where the node starts: its first character, an opening quote or a block indicator. */
  SourceSpan span();

  /** How a message names this node when it is the wrong kind: "`abc`", "a list", "a mapping", "nothing". */
  String describe();
}
