package runbook.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import runbook.expr.fn.Bounds;
import java.util.regex.PatternSyntaxException;
import runbook.expr.EvalException;
import runbook.expr.Scope;
import runbook.expr.ValueUnavailableException;
import runbook.model.AssertOutputStep;
import runbook.model.RunStep;
import runbook.model.Step;
import runbook.model.Template;

/** {@code assert-output}: check what an earlier run step printed. */
final class AssertOutputExecutor implements ActionExecutor<AssertOutputStep> {
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final RunContext ctx;

  AssertOutputExecutor(RunContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public StepResult execute(AssertOutputStep step, int depth, int attempt) throws EvalException {
    String target = target(step);
    if (target == null) {
      return StepResult.failed("there is no earlier run step to check; name one with `of:`");
    }
    ResultMap result = ctx.scope.result(target);
    if (result == null) {
      ctx.scope.get(target); // throws with the reason it has not run
    }
    if (result.status() == StepStatus.WOULD_RUN) {
      return StepResult.of(StepStatus.WOULD_RUN, Map.of(), "would check the output of `" + target + "`, which this dry run did not execute");
    }
    String out;
    String err;
    Object exit;
    try {
      out = (String) result.get("stdout");
      err = (String) result.get("stderr");
      exit = result.get("exit");
    } catch (ValueUnavailableException e) {
      return StepResult.failed(e.getMessage());
    }
    String text;
    switch (step.stream()) {
      case STDERR: text = err; break;
      case BOTH: text = out + err; break;
      default: text = out; break;
    }
    String what = "the " + step.stream().key() + " of `" + target + "`";
    List<String> failures = new ArrayList<>();
    for (Template t : step.contains()) {
      String s = ctx.expr.expand(t, ctx.scope);
      if (!text.contains(s)) {
        failures.add(what + " does not contain `" + s + "`");
      }
    }
    for (Template t : step.notContains()) {
      String s = ctx.expr.expand(t, ctx.scope);
      if (text.contains(s)) {
        failures.add(what + " contains `" + s + "`");
      }
    }
    Map<String, String> match = new LinkedHashMap<>();
    for (Template t : step.matches()) {
      Matcher m = find(t, text);
      if (m == null) {
        failures.add(what + " does not match `" + t.text() + "`");
        continue;
      }
      for (String name : groupNames(m.pattern().pattern())) {
        match.put(name, m.group(name));
      }
    }
    for (Template t : step.notMatches()) {
      if (find(t, text) != null) {
        failures.add(what + " matches `" + t.text() + "`");
      }
    }
    if (!step.equals().isEmpty()) {
      String trimmed = stripTrailingNewlines(text);
      boolean any = false;
      for (Template t : step.equals()) {
        any |= stripTrailingNewlines(ctx.expr.expand(t, ctx.scope)).equals(trimmed);
      }
      if (!any) {
        failures.add(what + " is not equal to the expected text");
      }
    }
    Map<String, Object> streams = new LinkedHashMap<>();
    streams.put("out", out);
    streams.put("err", err);
    streams.put("exit", exit);
    Scope local = ctx.scope.with(streams);
    if (step.that() != null && !ctx.expr.test(step.that(), local)) {
      failures.add("`" + step.that().source() + "` is false");
    }
    Map<String, Object> values = Map.of("match", match);
    if (failures.isEmpty()) {
      return StepResult.of(StepStatus.OK, values, null);
    }
    String message = step.message() != null ? ctx.expr.expand(step.message(), local) : String.join("\n", failures);
    return StepResult.of(StepStatus.FAILED, values, message);
  }

  @Override
  public String preview(AssertOutputStep step) {
    return "would check the output of `" + target(step) + "`";
  }

  /** {@code of}, else the nearest run step before this one in the playbook. */
  private String target(AssertOutputStep step) {
    if (step.of() != null) {
      return step.of().id();
    }
    String nearest = null;
    for (Step s : ctx.playbook.allSteps()) {
      if (s.id().equals(step.id())) {
        return nearest;
      }
      if (s instanceof RunStep) {
        nearest = s.id();
      }
    }
    return nearest;
  }

  /** The first match, bounded in time and stack depth; a bound exceeded fails the step at the pattern. */
  private Matcher find(Template t, String text) throws EvalException {
    Pattern p = compile(t);
    try {
      return Bounds.find(p, text);
    } catch (Bounds.Exceeded e) {
      throw new ValueUnavailableException(t.span() + ": " + e.getMessage());
    }
  }

  private Pattern compile(Template t) throws EvalException {
    String regex = ctx.expr.expand(t, ctx.scope);
    try {
      return Pattern.compile(regex, Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      throw new ValueUnavailableException(t.span() + ": not a valid regex: " + e.getDescription());
    }
  }

  /** Named groups in declaration order (java.util.regex has no API for them before Java 20). */
  private static List<String> groupNames(String regex) {
    List<String> names = new ArrayList<>();
    Matcher m = GROUP_NAME.matcher(regex);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static String stripTrailingNewlines(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }
}
