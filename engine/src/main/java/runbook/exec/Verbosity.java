package runbook.exec;

/** {@code -q}: failures and the summary only; {@code -v}: also every output line and command. */
public enum Verbosity { QUIET, NORMAL, VERBOSE }
