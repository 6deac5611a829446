package runbook.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code shell: true} line into a bash script in which no value is ever part of the script
 * text: every {@code ${...}} becomes a reference to an environment variable ({@code RUNBOOK_V1},
 * {@code RUNBOOK_V2}, ...) that holds the value, written for the quoting context the template stands
 * in. Bash expands a variable once and never reads its value as code, so quotes, {@code $(...)},
 * backticks or newlines in a value stay characters of that value.
 *
 * <ul>
 *   <li>unquoted: {@code "${RUNBOOK_V1}"} (one word, no splitting or globbing);
 *   <li>inside {@code "..."}, an unquoted here-document or arithmetic: {@code ${RUNBOOK_V1}};
 *   <li>inside {@code '...'}: {@code '"${RUNBOOK_V1}"'} (the quote is closed and reopened);
 *   <li>inside {@code $'...'}: {@code '"${RUNBOOK_V1}"$'};
 *   <li>inside a quoted here-document ({@code <<'EOF'}): the delimiter is unquoted and the body's
 *       {@code \ $ `} escaped, so the body stays literal and the reference expands.
 * </ul>
 *
 * <p>Arithmetic is the one place bash evaluates a value as code ({@code a[$(cmd)]}): inside
 * {@code $((...))}, {@code ((...))}, {@code $[...]}, {@code let}, an array subscript assigned to, or
 * next to {@code -eq}-style operators in {@code [[ ]]}, a value must be a decimal integer, checked
 * before the script starts. A template inside a shell parameter expansion ({@code $${x:-${v}}}) or a
 * here-document delimiter cannot be made safe and is refused.
 */
final class ShellScript {
  /** Stands for a template in the text being scanned; YAML cannot hold it, so no playbook text does. */
  static final char MARK = '\uFFFF';
  static final String PREFIX = "RUNBOOK_";

  /**
   * The variable of the {@code n}th template: its letter tells which quotes were added around it
   * ({@code Q} double, {@code S} single, {@code A} ANSI-C, {@code V} none), so the line shown to the
   * operator can be rebuilt exactly ({@link ShellCommand#shown}).
   */
  static String name(Form form, int n) {
    char letter = form == Form.CODE ? 'Q' : form == Form.SINGLE ? 'S' : form == Form.ANSI ? 'A' : 'V';
    return PREFIX + letter + n;
  }

  /** How a template is written into the script. */
  enum Form { CODE, PLAIN, SINGLE, ANSI, ARITH }

  /**
   * One template of the line.
   *
   * @param form how it is referenced
   * @param refused why no form is safe there; null when it is safe
   */
  record Slot(Form form, String refused) {}

  /** The script with {@link #MARK} where each template's reference goes, and each slot in order. */
  record Plan(String skeleton, List<Slot> slots) {
    /** The script, each reference written for its context. */
    String script() {
      StringBuilder out = new StringBuilder(skeleton.length() + slots.size() * 24);
      int n = 0;
      for (int i = 0; i < skeleton.length(); i++) {
        char c = skeleton.charAt(i);
        if (c != MARK) {
          out.append(c);
          continue;
        }
        n++;
        Form form = slots.get(n - 1).form();
        String ref = "${" + name(form, n) + "}";
        switch (form) {
          case CODE:
            out.append('"').append(ref).append('"');
            break;
          case SINGLE:
            out.append("'\"").append(ref).append("\"'");
            break;
          case ANSI:
            out.append("'\"").append(ref).append("\"$'");
            break;
          default:
            out.append(ref);
        }
      }
      return out.toString();
    }
  }

  private final String text;
  private final StringBuilder out = new StringBuilder();
  private final List<Slot> slots = new ArrayList<>();
  private final List<HereDoc> pending = new ArrayList<>();
  private int i;

  /** A here-document whose body starts after the current line. */
  private static final class HereDoc {
    final String delimiter;
    final boolean quoted;
    final boolean stripTabs;
    final int outStart;
    final int outEnd;
    final boolean rewritable;

    HereDoc(String delimiter, boolean quoted, boolean stripTabs, int outStart, int outEnd, boolean rewritable) {
      this.delimiter = delimiter;
      this.quoted = quoted;
      this.stripTabs = stripTabs;
      this.outStart = outStart;
      this.outEnd = outEnd;
      this.rewritable = rewritable;
    }
  }

  private ShellScript(String text) {
    this.text = text;
  }

  /** The plan for a line whose templates were replaced, in order, by {@link #MARK}. */
  static Plan plan(String marked) {
    ShellScript s = new ShellScript(marked);
    s.code(End.EOF);
    return new Plan(s.out.toString(), List.copyOf(s.slots));
  }

  private enum End { EOF, PAREN, BACKTICK }

  private void slot(Form form, String refused) {
    if (refused == null && form != Form.ARITH && !inBody && evaluatesArithmetic()) {
      form = Form.ARITH;
    }
    slots.add(new Slot(form, refused));
    out.append(MARK);
    i++;
  }

  /** Where the current command and word start in the output, and whether they are arithmetic. */
  private int commandStart;
  private int wordStartOut;
  private boolean dbracketArith;
  private boolean inBody;

  /** Shell code: a command line, the inside of {@code $(...)} or of backticks. */
  private void code(End end) {
    int savedCommand = commandStart;
    int savedWord = wordStartOut;
    boolean savedDbracket = dbracketArith;
    boolean savedBody = inBody;
    inBody = false;
    dbracketArith = false;
    commandStart = out.length();
    wordStartOut = out.length();
    codeBody(end);
    commandStart = savedCommand;
    wordStartOut = savedWord;
    dbracketArith = savedDbracket;
    inBody = savedBody;
  }

  private void codeBody(End end) {
    boolean wordStart = true;
    int parens = 0;
    int cases = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (wordStart) {
        wordStartOut = out.length();
      }
      if (c == MARK) {
        slot(Form.CODE, null);
        wordStart = false;
        continue;
      }
      if (end == End.BACKTICK && c == '`') {
        return;
      }
      if (end == End.PAREN && c == ')' && parens == 0 && cases == 0) {
        return;
      }
      if (c == '\\') {
        copy(Math.min(2, text.length() - i));
        wordStart = false;
        continue;
      }
      if (c == '\'') {
        copy(1);
        single();
      } else if (c == '"') {
        copy(1);
        doubleQuoted();
      } else if (c == '`') {
        copy(1);
        code(End.BACKTICK);
        copy(Math.min(1, text.length() - i));
      } else if (c == '$' && text.startsWith("$'", i)) {
        copy(2);
        ansi();
      } else if (c == '$' && dollar()) {
        // handled
      } else if (wordStart && text.startsWith("((", i)) {
        copy(2);
        arith(")");
        copy(Math.min(2, text.length() - i));
      } else if (wordStart && c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          if (text.charAt(i) == MARK) {
            slots.add(new Slot(Form.CODE, null));
            out.append(MARK);
            i++;
          } else {
            copy(1);
          }
        }
        continue;
      } else if (text.startsWith("<<<", i)) {
        copy(3);
        wordStart = true;
        continue;
      } else if (c == '<' && text.startsWith("<<", i)) {
        hereDocOperator();
        wordStart = true;
        continue;
      } else if (c == '\n') {
        copy(1);
        hereDocBodies();
        wordStart = true;
        commandStart = out.length();
        continue;
      } else {
        if (wordStart && isWord("case")) {
          cases++;
        } else if (wordStart && isWord("esac") && cases > 0) {
          cases--;
        } else if (wordStart && isWord("[[")) {
          int close = text.indexOf("]]", i);
          dbracketArith = text.substring(i, close < 0 ? text.length() : close)
              .matches("(?s).*\\s-(eq|ne|lt|le|gt|ge)\\s.*");
        } else if (wordStart && isWord("]]")) {
          dbracketArith = false;
        }
        if (c == '(') {
          parens++;
        } else if (c == ')' && parens > 0) {
          parens--;
        }
        copy(1);
        boolean separator = c == ';' || c == '&' || c == '|' || c == '(' || c == ')';
        if (separator) {
          commandStart = out.length();
        }
        wordStart = separator || c == ' ' || c == '\t' || c == '<' || c == '>';
        continue;
      }
      wordStart = false;
    }
  }

  /** {@code $((}, {@code $(}, {@code $[}, or a shell {@code ${...}}; false for a plain {@code $}. */
  private boolean dollar() {
    if (text.startsWith("$((", i)) {
      copy(3);
      arith(")");
      copy(Math.min(2, text.length() - i));
    } else if (text.startsWith("$(", i)) {
      copy(2);
      code(End.PAREN);
      copy(Math.min(1, text.length() - i));
    } else if (text.startsWith("$[", i)) {
      copy(2);
      arith("]");
      copy(Math.min(1, text.length() - i));
    } else if (text.startsWith("${", i)) {
      parameter();
    } else {
      return false;
    }
    return true;
  }

  /**
   * Whether bash evaluates the word being read as arithmetic, quoted or not: an argument of
   * {@code let}, an operand in a {@code [[ ]]} that compares numbers, an array subscript assigned to.
   */
  private boolean evaluatesArithmetic() {
    String command = out.substring(Math.min(commandStart, out.length())).strip();
    if (command.equals("let") || command.startsWith("let ") || command.startsWith("let\t")) {
      return true;
    }
    if (dbracketArith) {
      return true;
    }
    String word = out.substring(Math.min(wordStartOut, out.length()));
    if (word.matches("[A-Za-z_][A-Za-z0-9_]*\\[[^\\]]*")) {
      int close = text.indexOf(']', i);
      return close > 0 && (text.startsWith("]=", close) || text.startsWith("]+=", close));
    }
    return false;
  }

  private boolean isWord(String w) {
    if (!text.startsWith(w, i)) {
      return false;
    }
    int after = i + w.length();
    return after >= text.length() || " \t\n;&|()".indexOf(text.charAt(after)) >= 0;
  }

  private void single() {
    while (i < text.length() && text.charAt(i) != '\'') {
      if (text.charAt(i) == MARK) {
        slot(Form.SINGLE, null);
      } else {
        copy(1);
      }
    }
    copy(Math.min(1, text.length() - i));
  }

  private void ansi() {
    while (i < text.length() && text.charAt(i) != '\'') {
      if (text.charAt(i) == MARK) {
        slot(Form.ANSI, null);
      } else if (text.charAt(i) == '\\') {
        copy(Math.min(2, text.length() - i));
      } else {
        copy(1);
      }
    }
    copy(Math.min(1, text.length() - i));
  }

  private void doubleQuoted() {
    while (i < text.length() && text.charAt(i) != '"') {
      expandingChar(Form.PLAIN);
    }
    copy(Math.min(1, text.length() - i));
  }

  /** One step of text where {@code $} and backticks expand: double quotes, unquoted here-documents. */
  private void expandingChar(Form form) {
    char c = text.charAt(i);
    if (c == MARK) {
      slot(form, null);
    } else if (c == '\\') {
      copy(Math.min(2, text.length() - i));
    } else if (c == '`') {
      copy(1);
      code(End.BACKTICK);
      copy(Math.min(1, text.length() - i));
    } else if (c != '$' || !dollar()) {
      copy(1);
    }
  }

  /** Arithmetic up to the {@code close} that ends it (parentheses nest). */
  private void arith(String close) {
    int depth = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == MARK) {
        slot(Form.ARITH, null);
        continue;
      }
      if (depth == 0 && text.startsWith(close.equals(")") ? "))" : "]", i)) {
        return;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c != '$' || !dollar()) {
        copy(1);
      }
    }
  }

  /** A shell parameter expansion ({@code $${name...}}): a template inside it is refused. */
  private void parameter() {
    copy(2);
    int depth = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == MARK) {
        slot(Form.CODE, "a template inside a shell parameter expansion `$${...}` cannot be quoted safely;"
            + " assign it to a variable first (v=${...}) and use $${v...}");
        continue;
      }
      if (c == '}' && depth == 0) {
        copy(1);
        return;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      }
      copy(c == '\\' ? Math.min(2, text.length() - i) : 1);
    }
  }

  /** {@code <<WORD} or {@code <<-WORD}: the body comes after this line. */
  private void hereDocOperator() {
    copy(2);
    boolean strip = false;
    if (i < text.length() && text.charAt(i) == '-') {
      copy(1);
      strip = true;
    }
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      copy(1);
    }
    int outStart = out.length();
    StringBuilder delimiter = new StringBuilder();
    boolean quoted = false;
    boolean marked = false;
    while (i < text.length() && " \t\n;&|<>()".indexOf(text.charAt(i)) < 0) {
      char c = text.charAt(i);
      if (c == MARK) {
        marked = true;
        slot(Form.CODE, "a template in a here-document's delimiter cannot be made safe: write the delimiter as text");
      } else if (c == '\'' || c == '"') {
        quoted = true;
        int close = text.indexOf(c, i + 1);
        close = close < 0 ? text.length() : close;
        delimiter.append(text, i + 1, close);
        copy(Math.min(close + 1, text.length()) - i);
      } else if (c == '\\') {
        quoted = true;
        if (i + 1 < text.length()) {
          delimiter.append(text.charAt(i + 1));
        }
        copy(Math.min(2, text.length() - i));
      } else {
        delimiter.append(c);
        copy(1);
      }
    }
    String d = delimiter.toString();
    boolean rewritable = !marked && !d.isEmpty() && d.matches("[A-Za-z0-9_.-]+") && d.indexOf(MARK) < 0;
    pending.add(new HereDoc(d, quoted, strip, outStart, out.length(), rewritable));
  }

  /** The bodies of the here-documents opened on the line that just ended. */
  private void hereDocBodies() {
    if (pending.isEmpty()) {
      return;
    }
    List<HereDoc> docs = new ArrayList<>(pending);
    pending.clear();
    // which quoted bodies hold a template: their delimiter is unquoted, patched last to first
    int scan = i;
    boolean[] rewrite = new boolean[docs.size()];
    for (int d = 0; d < docs.size(); d++) {
      int end = bodyEnd(docs.get(d), scan);
      rewrite[d] = docs.get(d).quoted && text.substring(scan, end).indexOf(MARK) >= 0 && docs.get(d).rewritable;
      scan = lineAfter(end);
    }
    for (int d = docs.size() - 1; d >= 0; d--) {
      if (rewrite[d]) {
        out.replace(docs.get(d).outStart, docs.get(d).outEnd, docs.get(d).delimiter);
      }
    }
    boolean savedBody = inBody;
    inBody = true;
    for (int d = 0; d < docs.size(); d++) {
      HereDoc doc = docs.get(d);
      int end = bodyEnd(doc, i);
      while (i < end) {
        char c = text.charAt(i);
        if (!doc.quoted) {
          expandingChar(Form.PLAIN);
        } else if (rewrite[d]) {
          if (c == MARK) {
            slot(Form.PLAIN, null);
          } else {
            if (c == '\\' || c == '$' || c == '`') {
              out.append('\\');
            }
            copy(1);
          }
        } else if (c == MARK) {
          slot(Form.PLAIN, "a template in a quoted here-document whose delimiter is not plain letters,"
              + " digits, `_`, `.` or `-` cannot be made safe: name the delimiter EOF");
        } else {
          copy(1);
        }
      }
      // the delimiter line itself
      int after = lineAfter(end);
      copy(after - i);
    }
    inBody = savedBody;
  }

  /** Where the line equal to the delimiter starts, scanning from {@code from}; the text's end if none. */
  private int bodyEnd(HereDoc doc, int from) {
    int line = from;
    while (line < text.length()) {
      int nl = text.indexOf('\n', line);
      String l = text.substring(line, nl < 0 ? text.length() : nl);
      if ((doc.stripTabs ? l.replaceFirst("^\t+", "") : l).equals(doc.delimiter)) {
        return line;
      }
      if (nl < 0) {
        break;
      }
      line = nl + 1;
    }
    return text.length();
  }

  private int lineAfter(int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl + 1;
  }

  private void copy(int n) {
    out.append(text, i, i + n);
    i += n;
  }
}
