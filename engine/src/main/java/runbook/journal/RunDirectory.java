package runbook.journal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code <state>/runs/<run-id>/}: the journal, the playbook as run, the parameters (secrets masked),
 * every byte each command wrote under {@code steps/}, the report and the log.
 */
public final class RunDirectory {
  private final String runId;
  private final Path root;

  private RunDirectory(String runId, Path root) {
    this.runId = runId;
    this.root = root;
  }

  /**
   * Creates {@code runs/<runId>/steps/} under the state directory, after checking it ({@link
   * StateDirectory#prepare}). The run's directory is new: one that exists already (planted, or a
   * clash of ids) is an error, never reused.
   */
  public static RunDirectory create(Path stateDir, String runId) throws IOException {
    StateDirectory.prepare(stateDir);
    PrivateFiles.ownDirectory(runsDir(stateDir));
    Path root = runsDir(stateDir).resolve(runId);
    try {
      PrivateFiles.createDirectory(root);
    } catch (FileAlreadyExistsException e) {
      throw new UnsafeDirectoryException(root + " exists already; a run directory is never reused. "
          + "If no run made it, another user may have planted it: check it, remove it, and start again");
    }
    PrivateFiles.createDirectory(root.resolve("steps"));
    PrivateFiles.createFile(root.resolve("journal.jsonl"));
    PrivateFiles.createFile(root.resolve("runbook.log"));
    return new RunDirectory(runId, root);
  }

  /**
   * Checks an existing run's directory before a resume writes to it: the state directory as for a
   * new run, the run's directory, {@code steps/} and the journal this user's own and private.
   */
  public void checkWritable(Path stateDir) throws IOException {
    StateDirectory.prepare(stateDir);
    PrivateFiles.ownDirectory(runsDir(stateDir));
    PrivateFiles.ownDirectory(root);
    PrivateFiles.ownDirectory(root.resolve("steps"));
    PrivateFiles.checkOwnFile(journal());
    if (Files.exists(log(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      PrivateFiles.checkOwnFile(log());
    } else {
      PrivateFiles.createFile(log());
    }
  }

  /** An existing run's directory (for reading it back). */
  public static RunDirectory open(Path stateDir, String runId) {
    return new RunDirectory(runId, runsDir(stateDir).resolve(runId));
  }

  public static Path runsDir(Path stateDir) {
    return stateDir.resolve("runs");
  }

  public String runId() {
    return runId;
  }

  public Path root() {
    return root;
  }

  public Path journal() {
    return root.resolve("journal.jsonl");
  }

  public Path playbook() {
    return root.resolve("playbook.yaml");
  }

  /** Where the n-th base of a variant is copied (n from 1). */
  public Path playbookBase(int n, String fileName) {
    return root.resolve("base-" + n + "-" + fileName);
  }

  public Path params() {
    return root.resolve("params.json");
  }

  public Path report() {
    return root.resolve("report.md");
  }

  public Path log() {
    return root.resolve("runbook.log");
  }

  /**
   * Every byte a step's command wrote to stdout. The first attempt writes {@code <id>.out}, a retry
   * or a repeated probe {@code <id>-<n>.out} (ids cannot contain {@code -}, so names never clash).
   */
  public Path stdout(String stepId, int attempt) {
    return root.resolve("steps").resolve(stepId + suffix(attempt) + ".out");
  }

  public Path stderr(String stepId, int attempt) {
    return root.resolve("steps").resolve(stepId + suffix(attempt) + ".err");
  }

  private static String suffix(int attempt) {
    return attempt <= 1 ? "" : "-" + attempt;
  }
}
