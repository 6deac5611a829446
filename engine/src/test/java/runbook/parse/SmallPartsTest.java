package runbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import runbook.diag.Suggestions;

/** Durations, did-you-mean, regex group names and the rule table. */
class SmallPartsTest {
  @Test
  void durationsAcceptEveryUnitAndCombinations() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
    assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
    assertEquals(Duration.ofHours(2), Durations.parse("2h"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
  }

  @Test
  void durationsRejectZeroBareNumbersAndWords() {
    for (String bad : List.of("0s", "10", "ten", "1.5h", "-1s", "", "10 m")) {
      assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
    }
  }

  @Test
  void suggestFindsTyposButNotUnrelatedWords() {
    assertEquals("assert-output", Suggestions.closest("asert-output", StepKeys.ALL));
    assertEquals("on-failure", Suggestions.closest("on_failure", StepKeys.ALL));
    assertNull(Suggestions.closest("colour", StepKeys.ALL));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }

  @Test
  void regexGroupNamesWithUnderscoresCompileAndMapBack() {
    String regex = "thin-pool \\d+ (?<meta_used>\\d+)/(?<meta_total>\\d+) \\k<meta_used>?(?<=x)?";
    Pattern p = Regexes.compile(regex, Pattern.MULTILINE);
    Map<String, String> groups = Regexes.groups(regex);
    Matcher m = p.matcher("thin-pool 7 12/34 ");
    assertTrue(m.find());
    assertEquals("12", m.group(groups.get("meta_used")));
    assertEquals("34", m.group(groups.get("meta_total")));
  }

  @Test
  void everyActionKeyHasAReader() {
    assertEquals(new HashSet<>(StepKeys.ACTIONS), StepReader.actionKeys());
  }

  @Test
  void ruleIdsAreUniqueKebabCaseWithASummary() {
    List<String> ids = ParseRule.ALL.stream().map(runbook.diag.Rule::id).toList();
    assertEquals(ids.size(), new HashSet<>(ids).size());
    for (runbook.diag.Rule r : ParseRule.ALL) {
      assertTrue(r.id().matches("[a-z]+(-[a-z]+)*"), r.id());
      assertTrue(Character.isLowerCase(r.summary().charAt(0)), r.id());
    }
  }
}
