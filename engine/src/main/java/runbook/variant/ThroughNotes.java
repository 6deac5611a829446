package runbook.variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostic;
import runbook.model.SourceSpan;

/**
 * Names the variants that led to a file: a diagnostic located in a base reached through variants
 * ends with {@code (through variant a.yaml:4:1 -> b.yaml:4:1)}, the {@code extends} of each variant
 * on the way, outermost first, so that its reader knows both where the problem is and which file
 * brought it in.
 */
final class ThroughNotes {
  private ThroughNotes() {}

  /**
   * @param chains for each file (as its spans name it), the {@code extends} keys that led to it;
   *     files without an entry, or with an empty one, get no note
   */
  static List<Diagnostic> annotate(List<Diagnostic> diagnostics, Map<String, List<SourceSpan>> chains) {
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      List<SourceSpan> chain = chains.getOrDefault(d.span().file(), List.of());
      if (chain.isEmpty()) {
        out.add(d);
      } else {
        String note = " (through variant " + String.join(" -> ", chain.stream().map(SourceSpan::toString).toList()) + ")";
        out.add(new Diagnostic(d.severity(), d.rule(), d.message() + note, d.span(), d.hint()));
      }
    }
    return out;
  }
}
