package runbook.model;

import java.util.Objects;

/**
 * A name as written, with its position: a step id ({@code of}, a probe's {@code of}, a patch target)
 * or a param's or var's name ({@code accept-secret-in-argv}).
 */
public record Ref(String id, SourceSpan span) {
  public Ref {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(span, "span");
  }
}
