package runbook.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static Set<String> factsAtX(String src) {
    return Conditions.of(src).at(src.indexOf("X"));
  }

  @Test
  void aConjunctKnowsTheConjunctsBeforeIt() {
    assertEquals(Set.of("a.ok", "b==1"), factsAtX("a.ok && b == 1 && X.stdout != ''"));
  }

  @Test
  void aDisjunctKnowsTheOthersBeforeItAreFalse() {
    assertEquals(Set.of("run.dry", "mode=='repair'"), factsAtX("!run.dry || mode != 'repair' || X.rows"));
  }

  @Test
  void theBranchesOfAConditionalKnowItsCondition() {
    assertEquals(Set.of("X.ok"), Conditions.of("X.ok ? X.stdout : ''").at(7));
    assertEquals(Set.of("a==0", "b.fail==null"), factsAtX("a != 0 || b.fail != null ? 'damaged' : X.mode"));
  }

  @Test
  void parenthesesAndBlanksDoNotChangeAFact() {
    assertEquals(Set.of("p!='swap'", "path=='extend'", "!run.dry"), factsAtX("p == 'swap' || (path == 'extend' && !run.dry && X)"));
    assertEquals("!(a&&b)", Conditions.negate("a && b"));
    assertEquals("a", Conditions.negate("!(a)"));
  }

  @Test
  void textInsideStringsIsNotAnOperator() {
    assertEquals(Set.of("s=='a || b'"), factsAtX("s == 'a || b' && X"));
  }

  @Test
  void aConditionsConjunctsAreItsFacts() {
    assertEquals(Set.of("!run.dry", "extend.ok"), Conditions.conjuncts("!run.dry && extend.ok"));
  }

  @Test
  void oneReadingAnswersForEveryPointOfTheCondition() {
    String src = "a.ok && P.x == 1 ? Q.y : !b && R.z";
    Conditions.Facts facts = Conditions.of(src);
    assertEquals(Set.of(), facts.at(src.indexOf("a.ok")));
    assertEquals(Set.of("a.ok"), facts.at(src.indexOf("P")));
    assertEquals(Set.of("a.ok", "P.x==1"), facts.at(src.indexOf("Q")));
    assertEquals(Set.of("!(a.ok&&P.x==1)", "!b"), facts.at(src.indexOf("R")));
    assertEquals(Set.of(), Conditions.of("plain.read").at(0));
  }
}
