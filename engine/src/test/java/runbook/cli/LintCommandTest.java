package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import runbook.json.Json;

/** {@code runbook lint} and {@code runbook schema} as a black box: arguments in; exit code, stdout, stderr out. */
class LintCommandTest {
  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err),
        new ByteArrayInputStream(new byte[0]), Map.of());
    return new Result(code, out.toString(), err.toString());
  }

  private static String fixture(String name) throws Exception {
    return Path.of(LintCommandTest.class.getResource("/lint/" + name).toURI()).toString();
  }

  @Test
  void textShowsPositionRuleSourceLineCaretAndHint() throws Exception {
    Result r = run("lint", fixture("needless-shell.bad.yaml"));
    assertEquals(0, r.code(), "warnings alone do not fail: " + r);
    assertTrue(r.out().contains("needless-shell.bad.yaml:11:10: warning[needless-shell]: `shell: true` but the"
        + " command uses no shell syntax\n      run: lvs --noheadings ${vg}"), r.out());
    assertTrue(r.out().contains("\n" + " ".repeat(11) + "^\n  hint: remove `shell: true`"), r.out());
    assertTrue(r.out().endsWith("0 errors, 2 warnings in 1 file\n"), r.out());
  }

  @Test
  void aDirectoryListsEveryFileItSkipsWithTheReasonInEveryFormat(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("a.yaml"), "runbook: 1\nname: a\ntitle: A\nsteps:\n  - id: x\n"
        + "    title: X\n    changes: false\n    run: [true]\n");
    java.nio.file.Files.writeString(dir.resolve("params.yaml"), "vg: pve\n");
    java.nio.file.Files.writeString(dir.resolve("site.yml"), "# comment\nextends: a.yaml\nrunbook: 1\nname: site\n"
        + "title: Site\n");
    Result text = run("lint", dir.toString());
    assertEquals(0, text.code(), text.toString());
    assertTrue(text.out().contains("params.yaml:1:1: info[skipped-file]: not linted: its top-level keys are vg"), text.out());
    assertTrue(text.out().endsWith("0 errors, 0 warnings, 1 note in 2 files\n"), text.out());
    List<?> json = (List<?>) Json.parse(run("lint", "--format", "json", dir.toString()).out());
    assertTrue(json.toString().contains("skipped-file"), json.toString());
    assertTrue(run("lint", "--format", "sarif", dir.toString()).out().contains("\"ruleId\": \"skipped-file\""));
  }

  @Test
  void aNamedFileThatIsNoPlaybookIsAnErrorAndLintingNothingFails(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path params = dir.resolve("params.yaml");
    java.nio.file.Files.writeString(params, "vg: pve\n");
    Result named = run("lint", params.toString());
    assertEquals(1, named.code(), named.toString());
    assertTrue(named.out().contains("error[not-a-playbook]"), named.out());
    Result nothing = run("lint", dir.toString());
    assertEquals(66, nothing.code(), nothing.toString());
    assertTrue(nothing.err().contains("nothing to lint"), nothing.err());
    java.nio.file.Files.delete(params);
    assertEquals(66, run("lint", dir.toString()).code());
  }

  @Test
  void strictMakesWarningsFail() throws Exception {
    assertEquals(1, run("lint", "--strict", fixture("needless-shell.bad.yaml")).code());
    assertEquals(0, run("lint", "--strict", fixture("needless-shell.good.yaml")).code());
  }

  @Test
  void errorsFailWithoutStrict() throws Exception {
    Result r = run("lint", fixture("secret-printed.bad.yaml"));
    assertEquals(1, r.code());
    assertTrue(r.out().contains("error[secret-printed]"), r.out());
  }

  @Test
  void jsonListsEveryFindingWithItsFields() throws Exception {
    Result r = run("lint", "--format", "json", fixture("needless-shell.bad.yaml"));
    List<?> findings = (List<?>) Json.parse(r.out());
    assertEquals(2, findings.size());
    Map<?, ?> first = (Map<?, ?>) findings.get(0);
    assertEquals(fixture("needless-shell.bad.yaml"), first.get("file"));
    assertEquals(11L, ((Number) first.get("line")).longValue());
    assertEquals(10L, ((Number) first.get("column")).longValue());
    assertEquals("warning", first.get("severity"));
    assertEquals("needless-shell", first.get("rule"));
    assertTrue(((String) first.get("hint")).startsWith("remove `shell: true`"));
  }

  @Test
  void sarifNamesTheRuleAndTheRegion() throws Exception {
    Result r = run("lint", "--format", "sarif", fixture("secret-printed.bad.yaml"));
    assertEquals(1, r.code());
    Map<?, ?> log = (Map<?, ?>) Json.parse(r.out());
    assertEquals("2.1.0", log.get("version"));
    Map<?, ?> run = (Map<?, ?>) ((List<?>) log.get("runs")).get(0);
    Map<?, ?> result = (Map<?, ?>) ((List<?>) run.get("results")).get(0);
    assertEquals("secret-printed", result.get("ruleId"));
    assertEquals("error", result.get("level"));
    Map<?, ?> region = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((List<?>) result.get("locations")).get(0))
        .get("physicalLocation")).get("region");
    assertEquals(10L, ((Number) region.get("startLine")).longValue());
  }

  @Test
  void githubWritesOneWorkflowCommandPerFinding() throws Exception {
    Result r = run("lint", "--format", "github", fixture("needless-shell.bad.yaml"), fixture("secret-printed.bad.yaml"));
    String[] lines = r.out().split("\n");
    assertEquals(5, lines.length, r.out());
    assertTrue(lines[0].startsWith("::warning file=" + fixture("needless-shell.bad.yaml")
        + ",line=11,col=10,title=needless-shell::`shell: true` but"), lines[0]);
    assertTrue(lines[2].startsWith("::error file="), lines[2]);
    assertTrue(lines[2].contains(",line=10,col=25,title=secret-printed::"), lines[2]);
  }

  @Test
  void disableLeavesARuleOut() throws Exception {
    Result r = run("lint", "--strict", "--disable", "needless-shell", fixture("needless-shell.bad.yaml"));
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().startsWith("0 errors, 0 warnings"), r.out());
  }

  @Test
  void anUnknownRuleToDisableIsAUsageErrorWithASuggestion() throws Exception {
    Result r = run("lint", "--disable", "needless-shel", fixture("needless-shell.bad.yaml"));
    assertEquals(64, r.code());
    assertTrue(r.err().contains("unknown rule `needless-shel`; did you mean `needless-shell`?"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void anUnknownFormatIsAUsageError() throws Exception {
    Result r = run("lint", "--format", "xml", fixture("needless-shell.bad.yaml"));
    assertEquals(64, r.code());
    assertTrue(r.err().contains("expected text, json, sarif or github, found `xml`"), r.err());
  }

  @Test
  void aMissingPathExits66() throws Exception {
    Result r = run("lint", fixture("needless-shell.good.yaml"), "no-such-playbook.yaml");
    assertEquals(66, r.code());
    assertTrue(r.err().contains("no-such-playbook.yaml"), r.err());
  }

  @Test
  void directoriesAreSearchedAndABrokenFileDoesNotStopTheOthers(@TempDir Path dir) throws Exception {
    Path nested = Files.createDirectories(dir.resolve("a/b"));
    Files.copy(Path.of(fixture("needless-shell.bad.yaml")), nested.resolve("shell.yml"));
    Files.writeString(dir.resolve("a/broken.yaml"), "runbook: 1\nname: [unclosed\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("notes.yaml"), "shopping: [milk]\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("readme.txt"), "runbook: 1\n", StandardCharsets.UTF_8);
    Result r = run("lint", "--format", "json", dir.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    List<String> files = ((List<?>) Json.parse(r.out())).stream().map(o -> (String) ((Map<?, ?>) o).get("file")).toList();
    // notes.yaml is not linted, and says so; readme.txt is not YAML by its name
    assertEquals(List.of(dir.resolve("a/b/shell.yml").toString(), dir.resolve("a/b/shell.yml").toString(),
        dir.resolve("a/broken.yaml").toString(), dir.resolve("notes.yaml").toString()), files);
    assertTrue(r.out().contains("skipped-file"), r.out());
  }

  @Test
  void schemaPrintsTheCommittedSchema() throws Exception {
    Result r = run("schema");
    assertEquals(0, r.code());
    Path committed = Path.of(System.getProperty("runbook.root", "..")).resolve("docs/playbook.schema.json");
    assertEquals(Files.readString(committed, StandardCharsets.UTF_8), r.out());
  }
}
