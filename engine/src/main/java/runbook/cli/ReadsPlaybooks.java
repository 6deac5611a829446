package runbook.cli;

/**
 * Marks a subcommand that reads playbooks: {@link Main} starts {@link Warmup} for it while picocli
 * is still reading the options.
 */
interface ReadsPlaybooks {}
