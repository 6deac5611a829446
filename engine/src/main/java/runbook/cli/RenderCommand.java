package runbook.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.variant.PlaybookLoader;
import runbook.variant.PlaybookWriter;

/** {@code runbook render PLAYBOOK}: the resolved playbook (variants applied), each step with its origin. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Print the resolved playbook as YAML: a variant applied to its base, each step preceded by "
          + "`# from <file>:<line>`, the place to change it. The output reads back as the same playbook.",
      "Exit codes: 0 printed, 65 invalid playbook (diagnostics on stderr), 66 no such file."
    })
final class RenderCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook or variant file, or the name of an installed playbook.")
  private Path playbook;

  @Override
  public Integer call() throws Exception {
    Path given = playbook;
    playbook = PlaybookNames.resolve(given, main.context().env());
    NoInputException.requireFile(playbook, "playbook", PlaybookNames.notFoundHint(given, main.context().env()));
    main.context().out().print(PlaybookWriter.write(PlaybookLoader.load(playbook)));
    return ExitCodes.OK;
  }
}
