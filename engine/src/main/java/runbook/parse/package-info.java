/**
 * YAML files into the model, with positions. The only user of the YAML library.
 *
 * <p>The reusable layer, for any reader of YAML input (playbooks, variants, scenarios, params files):
 *
 * <ul>
 *   <li>{@link runbook.parse.YamlDocument#load(java.nio.file.Path)}: the file as a tree of
 *       {@link runbook.parse.YamlNode}s with 1-based spans, under {@link runbook.parse.YamlLimits};
 *       syntax errors and limits throw, duplicate keys are in {@code diagnostics()}.
 *   <li>{@link runbook.parse.MappingReader}: typed reads of a mapping's keys that record unknown
 *       (with did-you-mean), missing and wrongly typed keys and go on.
 *   <li>{@link runbook.parse.YamlValues}: the same typed reads for a single node (list elements,
 *       free-form map values).
 *   <li>{@link runbook.parse.ParseRule}: every rule id reported, with a summary.
 * </ul>
 *
 * <p>Readers collect into a {@link runbook.diag.Diagnostics} and throw once at the end, so every
 * problem in a file is reported together. {@link runbook.parse.PlaybookParser} and
 * {@link runbook.parse.ParamsFile} are the readers built on it.
 */
package runbook.parse;
