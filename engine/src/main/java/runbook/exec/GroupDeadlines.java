package runbook.exec;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import runbook.model.TimeSpan;

/**
 * The {@code timeout}s of the groups being run: a group's timeout is a deadline for everything in
 * it. A command in the group is killed when the earliest deadline of its enclosing groups passes,
 * and one that would start after that fails at once. Confirms are not cut short (an operator
 * reading a prompt is not a hung command), but the command after them is.
 */
final class GroupDeadlines {
  /** One group's deadline. */
  record Deadline(String groupId, TimeSpan timeout, long endsAtNanos) {
    /** Why a command was stopped, or not started, by this deadline. */
    String reason() {
      return "the timeout of group `" + groupId + "` (" + timeout.text() + ") expired";
    }
  }

  private final Deque<Deadline> open = new ArrayDeque<>();

  /** Enters a group with a timeout, from now. */
  void enter(String groupId, TimeSpan timeout) {
    open.push(new Deadline(groupId, timeout, System.nanoTime() + timeout.duration().toNanos()));
  }

  /** Leaves the innermost group entered. */
  void leave() {
    open.pop();
  }

  /**
   * How long a command with its own {@code timeout} (null: none) may run: the earlier of that
   * timeout and the deadlines of the groups around it, with what to say when it ends the command.
   */
  Limit limit(TimeSpan timeout) {
    Deadline group = earliest();
    Duration own = timeout == null ? null : timeout.duration();
    if (group != null) {
      Duration left = Duration.ofNanos(Math.max(0, group.endsAtNanos() - System.nanoTime()));
      if (own == null || left.compareTo(own) < 0) {
        return new Limit(left, group.reason());
      }
    }
    return new Limit(own, timeout == null ? null : "timed out after " + timeout.text());
  }

  /**
   * @param duration null: no limit
   * @param reason why the command is stopped when {@code duration} passes
   */
  record Limit(Duration duration, String reason) {
    /** The time was up before the command could start. */
    boolean expired() {
      return duration != null && duration.isZero();
    }
  }

  /** The deadline that ends first among the groups being run; null outside any group with a timeout. */
  private Deadline earliest() {
    Deadline first = null;
    for (Deadline d : open) {
      if (first == null || d.endsAtNanos() - first.endsAtNanos() < 0) {
        first = d;
      }
    }
    return first;
  }
}
