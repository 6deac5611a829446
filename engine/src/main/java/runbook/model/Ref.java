package runbook.model;

import java.util.Objects;

/** A reference to a step by id ({@code of}, a probe's {@code of}, a patch target), with its position. */
public record Ref(String id, SourceSpan span) {
  public Ref {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(span, "span");
  }
}
