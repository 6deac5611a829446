package runbook.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.doc.DocWriter;
import runbook.variant.PlaybookLoader;

/** {@code runbook doc PLAYBOOK}: Markdown for operators on stdout. */
@Command(name = "doc", mixinStandardHelpOptions = true,
    description = "Print Markdown for operators: params, a Mermaid flow diagram, every step with its doc and command.")
final class DocCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file, or the name of an installed playbook.")
  private Path playbook;

  @Override
  public Integer call() throws Exception {
    Path given = playbook;
    playbook = PlaybookNames.resolve(given, main.context().env());
    NoInputException.requireFile(playbook, "playbook", PlaybookNames.notFoundHint(given, main.context().env()));
    main.context().out().print(DocWriter.write(PlaybookLoader.load(playbook)));
    main.context().out().flush();
    return ExitCodes.OK;
  }
}
