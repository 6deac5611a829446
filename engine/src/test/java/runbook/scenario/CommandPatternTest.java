package runbook.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import runbook.model.SourceSpan;

class CommandPatternTest {
  private static final SourceSpan AT = new SourceSpan("s.scenario.yaml", 1, 1);

  @Test
  void globMustMatchTheWholeLine() {
    CommandPattern p = CommandPattern.glob("lvchange -an pve/data", AT);
    assertTrue(p.matches("lvchange -an pve/data"));
    assertFalse(p.matches("lvchange -an pve/data_tmeta"));
    assertFalse(p.matches("sudo lvchange -an pve/data"));
  }

  @Test
  void starMatchesAnyCharactersAndQuestionMarkExactlyOne() {
    assertTrue(CommandPattern.glob("thin_dump -r *", AT).matches("thin_dump -r -f xml /dev/mapper/pve-data_tmeta"));
    assertTrue(CommandPattern.glob("lvs *", AT).matches("lvs "));
    assertFalse(CommandPattern.glob("lvs *", AT).matches("lvs"));
    assertTrue(CommandPattern.glob("vm-10?-disk-0", AT).matches("vm-101-disk-0"));
    assertFalse(CommandPattern.glob("vm-10?-disk-0", AT).matches("vm-1011-disk-0"));
  }

  @Test
  void everyOtherGlobCharacterIsLiteral() {
    CommandPattern p = CommandPattern.glob("grep -o <device dev_id=\"[0-9]*\" f.xml", AT);
    assertTrue(p.matches("grep -o <device dev_id=\"[0-9]*\" f.xml"));
    assertTrue(p.matches("grep -o <device dev_id=\"[0-9]99\" f.xml"));
    assertFalse(p.matches("grep -o <device dev_id=\"5\" f.xml"));
    assertTrue(CommandPattern.glob("lvs --separator | -o a.b $x (y)", AT).matches("lvs --separator | -o a.b $x (y)"));
  }

  @Test
  void globStarReachesAcrossTheLinesOfAShellScript() {
    assertTrue(CommandPattern.glob("*lsof*", AT).matches("lvs ... |\nwhile read x; do\n  lsof -n /dev/dm-3\ndone\n"));
  }

  @Test
  void regexIsFoundAnywhereInTheLine() {
    CommandPattern p = CommandPattern.regex("--poolmetadata \\S+/new", AT);
    assertTrue(p.matches("lvconvert --thinpool vg/pool --poolmetadata vg/new -y"));
    assertFalse(p.matches("lvconvert --thinpool vg/pool -y"));
  }

  @Test
  void aRuleCountsAsTheProgramItCouldAnswer() {
    assertTrue(CommandPattern.glob("lvcreate -an -Zn *", AT).couldAnswer("lvcreate"));
    assertFalse(CommandPattern.glob("lvcreate -an -Zn *", AT).couldAnswer("lvs"));
    assertTrue(CommandPattern.glob("id -u", AT).couldAnswer("id"));
    assertFalse(CommandPattern.glob("id -u", AT).couldAnswer("i"));
    assertTrue(CommandPattern.glob("lvm", AT).couldAnswer("lvm"));
    assertFalse(CommandPattern.glob("lvm version", AT).couldAnswer("lvmetad"));
    assertTrue(CommandPattern.regex("^(lvconvert|lvrename) ", AT).couldAnswer("lvrename"));
    assertFalse(CommandPattern.regex("^(lvconvert|lvrename) ", AT).couldAnswer("lvremove"));
  }
}
