package runbook.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import runbook.json.Json;
import runbook.lint.schema.PlaybookSchema;
import runbook.lint.schema.ScenarioSchema;

/** {@code runbook schema}: the JSON Schema of the playbook format, or of a scenario, for editors. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = {
      "Print the JSON Schema (draft-07) of the playbook format (with --scenario: of a rehearsal scenario), for editors.",
      "Point yaml-language-server at it with `# yaml-language-server: $schema=<path>` as a playbook's first line."
    })
public final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scenario", description = "the schema of a rehearsal scenario (*.scenario.yaml) instead")
  boolean scenario;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(Json.writePretty(scenario ? ScenarioSchema.build() : PlaybookSchema.build()));
    out.println();
    out.flush();
    return 0;
  }
}
