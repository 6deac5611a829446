package runbook.model;

import java.util.List;
import java.util.Objects;

/**
 * The keys every step has, whatever its action.
 *
 * @param id unique in the resolved playbook, {@code ^[a-z][a-z0-9_]*$}
 * @param title one line, what the operator sees
 * @param doc markdown: why the step exists and what to do when it fails; null for none
 * @param when condition; null means always
 * @param changes as written; null means the action's default ({@link Step#changesByDefault()})
 * @param timeout kills the command's process group when it expires; null for none
 * @param retry null for none
 * @param continueOnError a failure is recorded and the run goes on
 * @param onFailure steps run when this step fails
 * @param confirmedBy {@code confirmed-by}: the confirm with {@code type-to-confirm} that must have
 *     been approved before this step runs; null for none
 * @param reason why the step is skipped when its {@code when} is false, in the operator's words; null for none
 * @param ifStopped from this step on, the state a stop leaves the host in and what to do; null for none
 * @param summary shown at the end of a successful run in which this step ran; null for none
 * @param span the position of the step's mapping (its first key)
 */
public record StepInfo(
    String id,
    Template title,
    Template doc,
    Expr when,
    Boolean changes,
    TimeSpan timeout,
    Retry retry,
    boolean continueOnError,
    List<Step> onFailure,
    Ref confirmedBy,
    Template reason,
    Template ifStopped,
    Template summary,
    SourceSpan span) {
  public StepInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(span, "span");
    onFailure = List.copyOf(onFailure);
  }
}
