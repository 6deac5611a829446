package runbook.variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import runbook.model.AssertOutputStep;
import runbook.model.Command;
import runbook.model.ConfirmStep;
import runbook.model.GroupStep;
import runbook.model.OnDecline;
import runbook.model.OutputStream;
import runbook.model.Param;
import runbook.model.ParamType;
import runbook.model.ParseTableStep;
import runbook.model.Playbook;
import runbook.model.Probe;
import runbook.model.Ref;
import runbook.model.RequireStateStep;
import runbook.model.RunStep;
import runbook.model.Step;
import runbook.model.StepInfo;
import runbook.model.StepVisitor;
import runbook.model.TableSpec;
import runbook.model.Template;

/**
 * A resolved playbook as YAML that reads back as the same playbook: what {@code runbook render}
 * prints. Each step is preceded by {@code # from <file>:<line>}, the place it was written, so that a
 * reader of a variant sees which file to change. Keys that hold their default are left out.
 */
public final class PlaybookWriter implements StepVisitor<Void> {
  private final YamlText out = new YamlText();

  private PlaybookWriter() {}

  public static String write(Playbook p) {
    PlaybookWriter w = new PlaybookWriter();
    w.playbook(p);
    return w.out.toString();
  }

  private void playbook(Playbook p) {
    out.comment("resolved from " + String.join(", ", p.sources()));
    out.raw("runbook", String.valueOf(p.version()));
    out.string("name", p.name());
    out.string("title", p.title());
    out.string("description", p.description());
    if (!p.requires().isEmpty()) {
      out.strings("requires", p.requires().stream().map(Ref::id).toList());
    }
    if (!p.params().isEmpty()) {
      out.open("params");
      p.params().values().forEach(this::param);
      out.close();
    }
    templates("env", p.env());
    templates("vars", p.vars());
    steps("steps", p.steps());
  }

  private void param(Param p) {
    if (p.description() == null && p.defaultValue() == null && p.type() == ParamType.STRING && p.pattern() == null
        && p.choices().isEmpty() && !p.secret()) {
      out.raw(p.name(), "{}");
      return;
    }
    out.open(p.name());
    out.string("description", p.description());
    if (p.type() != ParamType.STRING) {
      out.raw("type", p.type().key());
    }
    out.string("default", p.defaultValue());
    out.string("pattern", p.pattern());
    if (!p.choices().isEmpty()) {
      out.strings("choices", p.choices());
    }
    if (p.secret()) {
      out.raw("secret", "true");
    }
    out.string("under", p.under());
    out.close();
  }

  private void templates(String key, Map<String, Template> values) {
    if (values.isEmpty()) {
      return;
    }
    out.open(key);
    values.forEach((name, t) -> out.string(name, t.text()));
    out.close();
  }

  private void steps(String key, List<Step> steps) {
    if (steps.isEmpty()) {
      return;
    }
    out.open(key);
    for (Step s : steps) {
      out.comment("from " + s.info().span().file() + ":" + s.info().span().line());
      out.item();
      info(s.info());
      s.accept(this);
      steps("on-failure", s.info().onFailure());
      out.close();
    }
    out.close();
  }

  private void info(StepInfo i) {
    out.string("id", i.id());
    out.string("title", text(i.title()));
    out.string("doc", text(i.doc()));
    out.string("when", i.when() == null ? null : i.when().source());
    if (i.changes() != null) {
      out.raw("changes", i.changes().toString());
    }
    if (i.timeout() != null) {
      out.string("timeout", i.timeout().text());
    }
    if (i.retry() != null) {
      out.open("retry");
      out.raw("attempts", String.valueOf(i.retry().attempts()));
      if (i.retry().delay() != null) {
        out.string("delay", i.retry().delay().text());
      }
      out.string("until", i.retry().until() == null ? null : i.retry().until().source());
      out.close();
    }
    if (i.continueOnError()) {
      out.raw("continue-on-error", "true");
    }
    out.string("confirmed-by", i.confirmedBy() == null ? null : i.confirmedBy().id());
    out.string("reason", text(i.reason()));
    out.string("if-stopped", text(i.ifStopped()));
    out.string("summary", text(i.summary()));
  }

  @Override
  public Void visitRun(RunStep step) {
    command(step.command());
    return null;
  }

  @Override
  public Void visitAssertOutput(AssertOutputStep step) {
    out.open("assert-output");
    if (step.of() != null) {
      out.string("of", step.of().id());
    }
    if (step.stream() != OutputStream.STDOUT) {
      out.raw("stream", step.stream().key());
    }
    list("contains", step.contains());
    list("not-contains", step.notContains());
    list("matches", step.matches());
    list("not-matches", step.notMatches());
    list("equals", step.equals());
    out.string("that", step.that() == null ? null : step.that().source());
    out.string("message", text(step.message()));
    out.close();
    return null;
  }

  @Override
  public Void visitParseTable(ParseTableStep step) {
    out.open("parse-table");
    table(step.table());
    out.close();
    return null;
  }

  @Override
  public Void visitRequireState(RequireStateStep step) {
    out.open("require-state");
    out.open("probe");
    Probe p = step.probe();
    if (p instanceof Probe.OfStep o) {
      out.string("of", o.of().id());
    } else if (p instanceof Probe.RunProbe r) {
      command(r.command());
    } else if (p instanceof Probe.TableProbe t) {
      out.open("parse-table");
      table(t.table());
      out.close();
    }
    out.close();
    out.string("that", step.that().source());
    if (step.waitTimeout() != null) {
      out.open("wait");
      out.string("timeout", step.waitTimeout().text());
      out.string("every", step.waitEvery().text());
      out.close();
    }
    steps("fix", step.fix());
    out.string("message", text(step.message()));
    out.close();
    return null;
  }

  @Override
  public Void visitConfirm(ConfirmStep step) {
    out.open("confirm");
    out.string("prompt", step.prompt().text());
    out.string("type-to-confirm", text(step.typeToConfirm()));
    if (step.onDecline() != OnDecline.ABORT) {
      out.raw("on-decline", step.onDecline().key());
    }
    out.close();
    return null;
  }

  @Override
  public Void visitGroup(GroupStep step) {
    steps("steps", step.steps());
    return null;
  }

  /** {@code run} and its options, as siblings in the current mapping. */
  private void command(Command c) {
    if (c.line() != null) {
      out.string("run", c.line().text());
    } else {
      out.strings("run", c.args().stream().map(Template::text).toList());
    }
    if (c.shell()) {
      out.raw("shell", "true");
    }
    out.string("stdin", text(c.stdin()));
    // the model keeps a command's env, renames and types unordered: sorted, the output is stable
    templates("env", new TreeMap<>(c.env()));
    out.string("cwd", text(c.cwd()));
    if (!c.expectExit().equals(List.of(0))) {
      out.raw("expect-exit", c.expectExit().toString());
    }
    out.string("output-file", text(c.outputFile()));
    if (c.captureBytes() != Command.DEFAULT_CAPTURE) {
      out.raw("capture", String.valueOf(c.captureBytes()));
    }
  }

  private void table(TableSpec t) {
    if (t.of() != null) {
      out.string("of", t.of().id());
    } else {
      command(t.run());
    }
    out.raw("format", t.format().key());
    out.string("separator", t.separator());
    out.string("json-path", t.jsonPath());
    if (!t.columnNames().isEmpty()) {
      out.strings("columns", t.columnNames());
    } else if (!t.columnRenames().isEmpty()) {
      out.open("columns");
      new TreeMap<>(t.columnRenames()).forEach(out::string);
      out.close();
    }
    if (!t.requireColumns().isEmpty()) {
      out.strings("require-columns", t.requireColumns());
    }
    if (!t.types().isEmpty()) {
      out.open("types");
      new TreeMap<>(t.types()).forEach((column, type) -> out.raw(column, type.key()));
      out.close();
    }
  }

  private void list(String key, List<Template> values) {
    if (!values.isEmpty()) {
      List<String> texts = new ArrayList<>();
      values.forEach(t -> texts.add(t.text()));
      out.strings(key, texts);
    }
  }

  private static String text(Template t) {
    return t == null ? null : t.text();
  }
}
