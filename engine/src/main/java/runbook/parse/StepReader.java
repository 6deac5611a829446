package runbook.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import runbook.diag.Diagnostics;
import runbook.model.Actions;
import runbook.model.Expr;
import runbook.model.KeySpec;
import runbook.model.Ref;
import runbook.model.Retry;
import runbook.model.SourceSpan;
import runbook.model.Step;
import runbook.model.StepInfo;
import runbook.model.Template;
import runbook.model.TimeSpan;

/**
 * Reads steps: the common keys here, the action by the {@link ActionReader} for its key. One
 * instance reads a whole playbook, so that step ids are unique across groups, fix and on-failure
 * steps.
 */
final class StepReader {
  private static final Map<String, ActionReader> ACTIONS = Map.of(
      "run", new RunReader(),
      "assert-output", new AssertOutputReader(),
      "parse-table", new ParseTableReader(),
      "require-state", new RequireStateReader(),
      "confirm", new ConfirmReader(),
      "steps", new GroupReader());

  private final Diagnostics diagnostics;
  private final Map<String, SourceSpan> ids = new LinkedHashMap<>();

  StepReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The action keys that have a reader; the same as {@link StepKeys#ACTIONS}, as a test checks. */
  static Set<String> actionKeys() {
    return ACTIONS.keySet();
  }

  Diagnostics diagnostics() {
    return diagnostics;
  }

  /** Every step id read so far, with where it is defined. */
  Map<String, SourceSpan> ids() {
    return ids;
  }

  /** A list of steps; {@code what} names it in messages ("`steps`", "`fix`"). */
  List<Step> readList(YamlNode node, String what) {
    List<Step> out = new ArrayList<>();
    YamlSequence seq = YamlValues.sequence(node, diagnostics, what);
    if (seq == null) {
      return out;
    }
    if (seq.items().isEmpty()) {
      diagnostics.error(ParseRule.EMPTY_LIST, seq.span(), what + " must hold at least one step");
    }
    for (YamlNode item : seq.items()) {
      Step s = read(item);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** One step, or null when it is too broken to build (its problems are recorded). */
  Step read(YamlNode node) {
    YamlMapping map = YamlValues.mapping(node, diagnostics, "a step");
    if (map == null) {
      return null;
    }
    String action = action(map);
    // the common keys and, for a run step, the command's are described; the action's own mapping is
    // read by its reader from its descriptor
    List<KeySpec> described = new ArrayList<>(Actions.COMMON);
    if ("run".equals(action)) {
      described.addAll(Actions.RUN.stepKeys());
    }
    String context = action == null ? "a step" : action.equals("steps") ? "a group" : "a `" + action + "` step";
    MappingReader m = new MappingReader(map, diagnostics, context, described, StepKeys.ACTIONS, StepKeys.ALL);
    StepInfo info = info(m);
    if (action == null) {
      return null;
    }
    return ACTIONS.get(action).read(info, m, this);
  }

  /** The one action key of the step; null (after reporting) when there is none. The first wins when there are several. */
  private String action(YamlMapping map) {
    String first = null;
    for (YamlMapping.Entry e : map.entries()) {
      String key = e.keyText();
      if (key == null || !StepKeys.ACTIONS.contains(key)) {
        continue;
      }
      if (first == null) {
        first = key;
      } else if (!first.equals(key)) {
        diagnostics.error(ParseRule.TWO_ACTIONS, e.key().span(),
            "a step has exactly one action, found `" + first + "` and `" + key + "`",
            "split it into two steps");
      }
    }
    if (first == null) {
      diagnostics.error(ParseRule.NO_ACTION, map.span(),
          "a step needs an action: one of " + String.join(", ", StepKeys.ACTIONS.subList(0, 5))
              + ", or `steps` for a group");
    }
    return first;
  }

  private StepInfo info(MappingReader m) {
    String id = m.string("id");
    if (id != null) {
      SourceSpan at = ((YamlScalar) m.node("id")).valueSpan();
      if (!Names.STEP_ID.matcher(id).matches()) {
        diagnostics.error(ParseRule.BAD_ID, at, "step id `" + id + "` does not match ^[a-z][a-z0-9_]*$",
            "use lower-case letters, digits and _, starting with a letter");
      }
      SourceSpan first = ids.putIfAbsent(id, at);
      if (first != null) {
        diagnostics.error(ParseRule.DUPLICATE_ID, at, "step id `" + id + "` is already used",
            "the first `" + id + "` is at line " + first.line() + "; every step needs its own id");
      }
    }
    Template title = Names.title(m.template("title"), diagnostics, "`doc`");
    Template doc = m.template("doc");
    Expr when = m.expr("when");
    Boolean changes = m.bool("changes");
    TimeSpan timeout = m.duration("timeout");
    Retry retry = retry(m);
    Boolean continueOnError = m.bool("continue-on-error");
    List<Step> onFailure = m.has("on-failure") ? readList(m.node("on-failure"), "`on-failure`") : List.of();
    Ref confirmedBy = AssertOutputReader.ref(m, "confirmed-by");
    Template reason = m.template("reason");
    if (reason != null && when == null) {
      diagnostics.error(ParseRule.BAD_VALUE, reason.span(), "`reason` says why a step is skipped, and this step has no `when`",
          "add the `when` it explains, or remove `reason`");
    }
    Template ifStopped = m.template("if-stopped");
    Template summary = m.template("summary");
    // a step with a broken id or title is kept only to find the problems in the rest of it;
    // the parse fails, so the placeholders never reach a caller
    return new StepInfo(id == null ? "" : id, title == null ? new Template("", m.span()) : title, doc, when,
        changes, timeout, retry, Boolean.TRUE.equals(continueOnError), onFailure, confirmedBy, reason, ifStopped,
        summary, m.span());
  }

  private Retry retry(MappingReader step) {
    YamlNode node = step.node("retry");
    if (node == null) {
      return null;
    }
    MappingReader m = MappingReader.described(node, diagnostics, "`retry`", Actions.RETRY_KEYS);
    if (m == null) {
      return null;
    }
    YamlNode attemptsNode = m.node("attempts");
    Integer attempts = m.integer("attempts");
    if (attempts != null && attempts < 1) {
      diagnostics.error(ParseRule.BAD_VALUE, attemptsNode.span(), "`attempts` must be at least 1, found " + attempts);
      attempts = null;
    }
    TimeSpan delay = m.duration("delay");
    Expr until = m.expr("until");
    return attempts == null ? null : new Retry(attempts, delay, until, m.span());
  }
}
