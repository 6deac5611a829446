package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The manual pages, the completion and `runbook help` describe every command and option there is. */
class ManualsTest {
  @TempDir Path tmp;

  @Test
  void everyCommandHasAPageThatNamesEveryOptionAndArgument() {
    Map<String, String> files = Manuals.files();
    for (Map.Entry<String, CommandLine> e : Main.fullCommandLine().getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      String page = files.get("man1/runbook-" + e.getKey() + ".1");
      assertTrue(page != null, "no manual page for " + e.getKey() + ": " + files.keySet());
      assertTrue(page.contains(".TH RUNBOOK\\-" + e.getKey().toUpperCase() + " 1"), page);
      for (OptionSpec o : e.getValue().getCommandSpec().options()) {
        if (o.hidden()) {
          continue; // internal plumbing (the engine --detach starts), not for people
        }
        for (String name : o.names()) {
          assertTrue(page.contains("\\fB" + Manuals.esc(name) + "\\fR"), e.getKey() + " page lacks " + name + ":\n" + page);
        }
      }
      for (PositionalParamSpec p : e.getValue().getCommandSpec().positionalParameters()) {
        assertTrue(page.contains(".I " + Manuals.esc(p.paramLabel())), e.getKey() + " page lacks " + p.paramLabel());
      }
      assertTrue(files.get("man1/runbook.1").contains(".B " + e.getKey() + "\n"), "runbook(1) does not list " + e.getKey());
    }
  }

  @Test
  void aCommandOfACommandHasItsOwnPage() {
    Map<String, String> files = Manuals.files();
    CommandLine fleet = Main.fullCommandLine().getSubcommands().get("fleet");
    for (Map.Entry<String, CommandLine> e : fleet.getSubcommands().entrySet()) {
      String page = files.get("man1/runbook-fleet-" + e.getKey() + ".1");
      if (e.getValue().getCommandSpec().usageMessage().hidden()) {
        assertTrue(page == null, "a hidden command has no page: " + e.getKey());
        continue;
      }
      assertTrue(page != null, "no manual page for fleet " + e.getKey() + ": " + files.keySet());
      for (OptionSpec o : e.getValue().getCommandSpec().options()) {
        for (String name : o.hidden() ? new String[0] : o.names()) {
          assertTrue(page.contains("\\fB" + Manuals.esc(name) + "\\fR"), "fleet " + e.getKey() + " page lacks " + name);
        }
      }
      assertTrue(files.get("man1/runbook-fleet.1").contains("\\fBrunbook\\-fleet\\-" + e.getKey() + "\\fR(1)"), "runbook-fleet(1) points to it");
    }
  }

  @Test
  void theCompletionKnowsEveryCommandAndOption() {
    String completion = Manuals.files().get("bash-completion/runbook");
    assertTrue(completion.contains("complete -F _complete_runbook"), completion.substring(0, 400));
    for (Map.Entry<String, CommandLine> e : Main.fullCommandLine().getSubcommands().entrySet()) {
      assertTrue(completion.contains("_runbook_" + e.getKey() + "()"), "no completion function for " + e.getKey());
      for (OptionSpec o : e.getValue().getCommandSpec().options()) {
        if (o.hidden()) {
          continue;
        }
        assertTrue(completion.contains(o.longestName()), e.getKey() + " completion lacks " + o.longestName());
      }
    }
  }

  @Test
  void pagesAreValidTroffWithoutStrayControlLines() {
    for (Map.Entry<String, String> f : Manuals.files().entrySet()) {
      if (!f.getKey().startsWith("man1/")) {
        continue;
      }
      for (String line : f.getValue().split("\n")) {
        assertTrue(!line.startsWith("'") , f.getKey() + ": " + line);
        assertTrue(!line.startsWith(".") || line.matches("^\\.(\\\\\"|TH|SH|TP|PP|B|I|RS|RE|nf|fi|br)( .*)?$"),
            f.getKey() + ": unexpected request: " + line);
      }
    }
  }

  @Test
  void helpCommandPrintsTheCommandsHelp() {
    CliHarness h = harnessOrFail();
    CliHarness.Result help = h.run("help", "run");
    CliHarness.Result direct = h.run("run", "--help");
    assertEquals(0, help.code(), help.all());
    assertEquals(direct.out(), help.out());
    assertTrue(help.out().startsWith("Usage: runbook run"), help.out());
    CliHarness.Result list = h.run("help");
    assertEquals(0, list.code(), list.all());
    assertTrue(list.out().contains("  help "), list.out());
  }

  private CliHarness harnessOrFail() {
    try {
      return new CliHarness(tmp);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
