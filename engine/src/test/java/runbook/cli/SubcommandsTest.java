package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** Main registers only the subcommand it is given; the list it chooses from must match the classes. */
class SubcommandsTest {
  @TempDir Path tmp;

  @Test
  void everyNameIsTheOneItsClassDeclares() {
    for (Map.Entry<String, Class<?>> e : Main.subcommands().entrySet()) {
      assertEquals(e.getKey(), e.getValue().getAnnotation(Command.class).name(), e.getValue().getName());
    }
  }

  @Test
  void helpListsEverySubcommand() throws Exception {
    CliHarness.Result r = new CliHarness(tmp).run("--help");
    assertEquals(0, r.code(), r.all());
    for (String name : Main.subcommands().keySet()) {
      assertTrue(r.out().contains("  " + name + " "), name + " missing from:\n" + r.out());
    }
  }

  @Test
  void aSubcommandAloneStillHasItsHelp() throws Exception {
    CliHarness.Result r = new CliHarness(tmp).run("lint", "--help");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().startsWith("Usage: runbook lint"), r.out());
  }

  @Test
  void aMistypedSubcommandIsAUsageErrorThatSuggestsTheRightOne() throws Exception {
    CliHarness.Result r = new CliHarness(tmp).run("lnt", "x.yaml");
    assertEquals(64, r.code(), r.all());
    assertTrue(r.err().contains("lint"), r.err());
  }
}
