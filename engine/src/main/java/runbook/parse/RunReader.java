package runbook.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import runbook.diag.Diagnostics;
import runbook.model.Command;
import runbook.model.Ref;
import runbook.model.RunStep;
import runbook.model.SourceSpan;
import runbook.model.Step;
import runbook.model.StepInfo;
import runbook.model.Template;

/** {@code run}: a command in string or list form, with the options beside it. */
final class RunReader implements ActionReader {
  static final String ACCEPT_SECRET = "accept-secret-in-argv";

  @Override
  public Step read(StepInfo info, MappingReader step, StepReader steps) {
    Command command = command(step, step.node("run"));
    return command == null ? null : new RunStep(info, command);
  }

  /**
   * The command whose {@code run} value is {@code run} and whose options ({@link StepKeys#RUN_OPTIONS})
   * are the other keys of {@code m}: a run step, a parse-table or a probe.
   */
  static Command command(MappingReader m, YamlNode run) {
    Diagnostics d = m.diagnostics();
    Template line = null;
    List<Template> args = null;
    SourceSpan at = run.span();
    if (run instanceof YamlSequence seq) {
      args = new ArrayList<>();
      for (YamlNode item : seq.items()) {
        Template t = YamlValues.template(item, d, "each argument of `run`");
        if (t != null) {
          args.add(t);
        }
      }
      if (seq.items().isEmpty()) {
        d.error(ParseRule.EMPTY_LIST, seq.span(), "`run` must name a program", "write [program, arg, ...]");
      }
    } else if (run instanceof YamlScalar s && s.type() != YamlScalar.Type.NULL) {
      line = new Template(s.value(), s.valueSpan());
      at = s.valueSpan();
      if (s.value().isBlank()) {
        d.error(ParseRule.BAD_VALUE, s.valueSpan(), "`run` must name a program, found an empty string");
      }
    } else {
      YamlValues.wrongType(run, d, "`run`", "a command line or a list of arguments");
    }
    boolean shell = Boolean.TRUE.equals(m.bool("shell"));
    if (shell && args != null) {
      d.error(ParseRule.CONFLICTING_KEYS, m.keySpan("shell"), "`shell: true` needs `run` as one string, found a list",
          "write the command as one line, or drop `shell`");
    }
    Template stdin = m.template("stdin");
    Map<String, Template> env = m.has("env") ? Names.env(m.node("env"), d) : Map.of();
    Template cwd = m.template("cwd");
    List<Integer> expectExit = expectExit(m, d);
    Template outputFile = m.template("output-file");
    Long capture = m.size("capture");
    List<Ref> secretsInArgv = secretsInArgv(m, d);
    if ((line == null) == (args == null)) {
      return null;
    }
    return new Command(line, args, shell, stdin, env, cwd, expectExit, outputFile,
        capture == null ? Command.DEFAULT_CAPTURE : capture, secretsInArgv, at);
  }

  /** {@code accept-secret-in-argv}: one name or a list of names. */
  private static List<Ref> secretsInArgv(MappingReader m, Diagnostics d) {
    YamlNode node = m.node(ACCEPT_SECRET);
    if (node == null) {
      return List.of();
    }
    List<YamlNode> items = node instanceof YamlSequence seq ? seq.items() : List.of(node);
    if (items.isEmpty()) {
      d.error(ParseRule.EMPTY_LIST, node.span(), "`" + ACCEPT_SECRET + "` must name at least one secret param",
          "name the secret params this command may show in the process list, or drop the key");
    }
    List<Ref> names = new ArrayList<>();
    for (YamlNode item : items) {
      String name = YamlValues.string(item, d, "each name of `" + ACCEPT_SECRET + "`");
      if (name != null) {
        names.add(new Ref(name, item.span()));
      }
    }
    return names;
  }

  private static List<Integer> expectExit(MappingReader m, Diagnostics d) {
    YamlNode node = m.node("expect-exit");
    if (node == null) {
      return List.of(0);
    }
    List<YamlNode> items = node instanceof YamlSequence seq ? seq.items() : List.of(node);
    if (items.isEmpty()) {
      d.error(ParseRule.EMPTY_LIST, node.span(), "`expect-exit` must list at least one exit code");
    }
    List<Integer> codes = new ArrayList<>();
    for (YamlNode item : items) {
      Integer code = YamlValues.integer(item, d, "`expect-exit`");
      if (code == null) {
        continue;
      }
      if (code < 0 || code > 255) {
        d.error(ParseRule.BAD_VALUE, item.span(), "an exit code is 0 to 255, found " + code);
      } else {
        codes.add(code);
      }
    }
    return codes;
  }
}
