package runbook.exec;

import java.io.IOException;

/** Asks the operator: confirm steps and {@code --step}. */
public interface Prompter {
  /** What the operator chose before a step with {@code --step}. */
  enum StepChoice { RUN, SKIP, QUIT }

  /** True when someone can answer (a terminal, and not {@code --non-interactive}). */
  boolean interactive();

  /** The terminal's device name ({@code /dev/pts/3}), or {@code none}; journaled with every answer. */
  String terminal();

  /**
   * Shows the prompt and reads the answer.
   *
   * @param typeToConfirm the text the operator must type exactly; null for a yes/no question
   * @return true when approved
   */
  boolean confirm(String prompt, String typeToConfirm) throws IOException;

  /** Who gave the last answer: {@code terminal}, or {@code attach (pid N)}; journaled with it. */
  default String answeredBy() {
    return "terminal";
  }

  /** Shows the step's title and doc and asks: run, skip or quit. */
  StepChoice beforeStep(String id, String title, String doc) throws IOException;

  /** Nobody to ask: every question is unanswered. */
  Prompter NONE =
      new Prompter() {
        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public String terminal() {
          return "none";
        }

        @Override
        public boolean confirm(String prompt, String typeToConfirm) {
          throw new IllegalStateException("no terminal to ask");
        }

        @Override
        public StepChoice beforeStep(String id, String title, String doc) {
          throw new IllegalStateException("no terminal to ask");
        }
      };
}
