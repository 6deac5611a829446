package runbook.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The playbook's copy in the run directory is masked per field: values and comments, never keys or step ids. */
class PlaybookCopyTest {
  private static Object load(String yaml) {
    return new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }

  @Test
  void keysStepIdsAndTypedValuesStayWhileTextAndCommentsAreMasked() {
    String yaml = String.join("\n",
        "runbook: 1",
        "name: text-tools   # the token is t",
        "params:",
        "  token: {secret: true, default: t}",
        "steps:",
        "  - id: test_it",
        "    title: Test the tool",
        "    changes: true",
        "    expect-exit: [0, 1]",
        "    run: [tar, -t, 'not it']",
        "    doc: |",
        "      first line with t",
        "      second",
        "    of: test_it",
        "  - &anchor t",
        "  - *anchor",
        "");
    String copy = PlaybookCopy.mask(yaml, new Masker(List.of("t")));
    assertFalse(copy.contains("# the token is t"), copy);
    assertTrue(copy.contains("name: text-tools   #"), copy);
    assertTrue(copy.contains("- id: test_it\n"), copy);
    assertTrue(copy.contains("of: test_it\n"), copy);
    assertTrue(copy.contains("changes: true\n"), "a boolean is no text: " + copy);
    assertTrue(copy.contains("expect-exit: [0, 1]\n"), copy);
    @SuppressWarnings("unchecked") Map<String, Object> read = (Map<String, Object>) load(copy);
    assertEquals("text-tools", read.get("name"));
    @SuppressWarnings("unchecked") Map<String, Object> token = (Map<String, Object>) ((Map<String, Object>) read.get("params")).get("token");
    assertEquals("***", token.get("default"), "a masked plain scalar is quoted, or it would read as an alias: " + copy);
    @SuppressWarnings("unchecked") List<Object> steps = (List<Object>) read.get("steps");
    @SuppressWarnings("unchecked") Map<String, Object> step = (Map<String, Object>) steps.get(0);
    assertEquals("Tes*** ***he ***ool", step.get("title"));
    assertEquals(List.of("***ar", "-***", "no*** i***"), step.get("run"));
    assertEquals("firs*** line wi***h ***\nsecond\n", step.get("doc"), "the block scalar's value, and the key after it: " + copy);
    assertEquals("test_it", step.get("of"));
    assertEquals("***", steps.get(1));
    assertEquals("***", steps.get(2), "the anchor stays on the masked value: " + copy);
  }

  @Test
  void aNumberIsMaskedOnlyWhenItIsTheSecretAndWhatCannotBeReadIsMaskedWhole() {
    String yaml = "params:\n  pin: {secret: true, default: 1234}\n  port: 12345\n";
    String copy = PlaybookCopy.mask(yaml, new Masker(List.of("1234")));
    assertEquals("params:\n  pin: {secret: true, default: \"***\"}\n  port: 12345\n", copy);
    assertEquals("a: [***", PlaybookCopy.mask("a: [x", new Masker(List.of("x"))), "not YAML: masked as a whole");
    assertEquals("unchanged: 1\n", PlaybookCopy.mask("unchanged: 1\n", Masker.NONE));
  }
}
