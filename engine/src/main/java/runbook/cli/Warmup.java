package runbook.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import runbook.diag.InvalidInputException;
import runbook.expr.ExprEngine;
import runbook.model.Expr;
import runbook.model.SourceSpan;
import runbook.parse.PlaybookParser;
import runbook.parse.YamlDocument;
import runbook.parse.YamlLimits;

/**
 * Reads a tiny playbook and compiles an expression on a second thread, at start-up, and throws both
 * away. In a fresh JVM the first playbook read pays for loading and initialising the YAML, model and
 * expression classes; picocli, on the main thread, takes about as long to set itself up, and a
 * machine with two cores can do both at once. Nothing here is kept, so nothing can leak into a run.
 */
final class Warmup {
  private static final String PLAYBOOK = """
      runbook: 1
      name: warm-up
      title: Warm-up
      params:
        vg: {default: vg0, pattern: '^[a-z0-9]+$'}
      steps:
        - id: look
          title: "Look at ${vg}"
          changes: false
          when: run.dry || vg != ''
          run: [true, "${vg}"]
      """;

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private Warmup() {}

  /** Starts the warm-up once per process; a JVM that runs many commands (the tests) is warm already. */
  static void start() {
    if (STARTED.compareAndSet(false, true)) {
      Thread t = new Thread(Warmup::run, "warm-up");
      t.setDaemon(true);
      t.start();
    }
  }

  private static void run() {
    try {
      PlaybookParser.read(YamlDocument.parse("warm-up", PLAYBOOK, YamlLimits.DEFAULT));
      new ExprEngine().check(new Expr("run.dry || vg != ''", new SourceSpan("warm-up", 1, 1)));
    } catch (InvalidInputException | RuntimeException e) {
      // only a head start: the command itself reads its playbook and reports what is wrong with it
    }
  }
}
