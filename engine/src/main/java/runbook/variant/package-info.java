/**
 * Variants, and the one way every command loads a playbook.
 *
 * <ul>
 *   <li>{@link runbook.variant.PlaybookLoader#load(java.nio.file.Path)}: a plain playbook, or a variant
 *       ({@code extends:}) resolved onto its base, checked like any playbook. Used by every command.
 *   <li>A variant is applied to the base's YAML tree, not to the model: inserted and updated nodes keep
 *       the variant's positions, the rest keep the base's, and the playbook parser checks the result
 *       (unique ids, namespace, every step key) with no second set of rules.
 *   <li>{@link runbook.variant.PlaybookWriter}: a resolved playbook as YAML that reads back as the same
 *       playbook, each step preceded by its origin ({@code runbook render}).
 *   <li>{@link runbook.variant.VariantRule}: the ids of the problems only a variant can have.
 * </ul>
 */
package runbook.variant;
