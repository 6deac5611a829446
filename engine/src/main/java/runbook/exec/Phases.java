package runbook.exec;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command's time goes, for {@code bench/steps-bench.sh}: with {@code RUNBOOK_PHASES} set in
 * the environment the engine marks the end of each phase (the command line parsed, the playbook
 * read, checked, the run directory prepared, the steps, the report) and adds up the time of some
 * repeated parts of a step (the commands, the journal), and prints them on stderr as it exits. Unset
 * (always, outside a benchmark) every call is one test of a constant. Each phase has its wall time
 * and the process's CPU time (all threads: the JIT compiler's and the output readers' too).
 *
 * <p>The launcher passes the time it started ({@code RUNBOOK_PHASES_LAUNCHED}, seconds since the
 * epoch, from bash's {@code EPOCHREALTIME}), so that the first phase, before {@code main}, holds the
 * launcher's own time and the JVM's start.
 */
public final class Phases {
  private static final boolean ON = System.getenv("RUNBOOK_PHASES") != null;
  private static final Map<String, Long> MARKS = ON ? new LinkedHashMap<>() : null;
  private static final Map<String, long[]> SUMS = ON ? new LinkedHashMap<>() : null;
  private static final Map<String, Long> CPU = ON ? new LinkedHashMap<>() : null;
  private static long last;
  private static long lastCpu;
  private static long mainWall;
  private static com.sun.management.OperatingSystemMXBean os;

  private Phases() {}

  public static boolean on() {
    return ON;
  }

  /** The start of {@code main}: the phases before it are the launcher's and the JVM's. */
  public static void started() {
    if (ON) {
      mainWall = System.currentTimeMillis();
      // the process's CPU time beside the wall time: on a shared machine the wall time is the
      // neighbours' as much as ours (loading the management classes is left out of both)
      os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      lastCpu = os.getProcessCpuTime();
      last = System.nanoTime();
    }
  }

  /** The phase named {@code name} ends now (a name marked twice adds up). */
  public static synchronized void mark(String name) {
    if (ON) {
      long now = System.nanoTime();
      long cpu = os.getProcessCpuTime();
      MARKS.merge(name, now - last, Long::sum);
      CPU.merge(name, cpu - lastCpu, Long::sum);
      last = now;
      lastCpu = cpu;
    }
  }

  /** Adds the time since {@code startNanos} ({@link System#nanoTime}) to the repeated part {@code name}. */
  public static synchronized void add(String name, long startNanos) {
    if (ON) {
      long[] sum = SUMS.computeIfAbsent(name, n -> new long[2]);
      sum[0] += System.nanoTime() - startNanos;
      sum[1]++;
    }
  }

  /** {@link System#nanoTime} when on, else 0 (not read). */
  public static long now() {
    return ON ? System.nanoTime() : 0;
  }

  /** Prints the phases on {@code err}, one line: {@code phases: NAME MS, ...}; nothing when off. */
  public static synchronized void print(PrintStream err) {
    if (!ON) {
      return;
    }
    mark("exit");
    StringBuilder b = new StringBuilder("phases:");
    String launched = System.getenv("RUNBOOK_PHASES_LAUNCHED");
    if (launched != null && launched.matches("[0-9]+[.,][0-9]+")) {
      long launchedMs = (long) (Double.parseDouble(launched.replace(',', '.')) * 1000);
      // the JVM's own start, only asked for here (it loads the management classes)
      long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
      b.append(" launcher and java binary ").append(jvm - launchedMs).append(" ms, jvm start ").append(mainWall - jvm).append(" ms,");
    }
    MARKS.forEach((name, nanos) -> b.append(' ').append(name).append(' ').append(nanos / 1_000_000).append(" ms (cpu ")
        .append(CPU.get(name) / 1_000_000).append("),"));
    SUMS.forEach((name, sum) -> b.append(" [").append(name).append(' ').append(sum[0] / 1_000_000).append(" ms in ")
        .append(sum[1]).append("]"));
    err.println(b);
  }
}
