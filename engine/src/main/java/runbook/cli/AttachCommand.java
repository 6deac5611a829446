package runbook.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import runbook.exec.ConsoleDisplay;
import runbook.exec.ControlChannel;
import runbook.exec.RunEvent;
import runbook.exec.SocketLines;
import runbook.exec.TerminalPrompter;
import runbook.exec.UsageException;
import runbook.journal.RunDirectory;
import runbook.journal.RunId;
import runbook.json.Json;
import runbook.json.JsonException;
import runbook.state.ResumeException;
import runbook.state.RunCatalog;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code runbook attach [RUN_ID | --last]}: shows a running run's display, replayed from its
 * {@code events.jsonl} and followed live, and answers the confirm it waits for through the run's
 * {@link ControlChannel}. Leaving (Ctrl-C, a dropped session, the end of the input) never stops the
 * run.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
    description = "Show a running run's display and answer its confirms; leaving (Ctrl-C) never stops the run.")
final class AttachCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID", description = "The run (`runbook runs` lists them).")
  private String runId;

  @Option(names = "--last", description = "The most recent run in the state directory.")
  private boolean last;

  @Mixin private StateDirOption stateDir;

  @Mixin private OutputOptions output;

  private volatile boolean leaving;

  @Override
  public Integer call() throws Exception {
    CliContext cli = main.context();
    RunSession session = new RunSession(cli);
    if ((runId == null) == !last) {
      throw new UsageException(List.of(last ? "give RUN_ID or --last, not both" : "name the run to attach to: RUN_ID or --last (`runbook runs` lists them)"));
    }
    Path state = stateDir.resolve(session);
    String id = runId;
    if (last) {
      List<String> ids = RunCatalog.ids(state);
      id = ids.isEmpty() ? null : ids.get(ids.size() - 1);
    }
    RunDirectory dir = id == null ? null : RunDirectory.open(state, id);
    if (id == null || !RunId.isValid(id) || !Files.isDirectory(dir.root())) {
      throw new ResumeException(ResumeException.Reason.NOT_FOUND,
          (id == null ? "no runs" : "no run `" + id + "`") + " in " + RunDirectory.runsDir(state) + "; `runbook runs` lists the runs there");
    }
    runbook.exec.Console console = output.console(session);
    session.awaitTerminalWidth(console);
    ConsoleDisplay display = new ConsoleDisplay(console);
    List<Signal> trapped = new ArrayList<>();
    List<SignalHandler> previous = new ArrayList<>();
    for (String name : List.of("INT", "TERM", "HUP")) {
      try {
        Signal s = new Signal(name);
        previous.add(Signal.handle(s, x -> leaving = true));
        trapped.add(s);
      } catch (IllegalArgumentException e) {
        // kept by the JVM: its default action ends attach, which never stops the run either
      }
    }
    try {
      return follow(cli, state, id, dir, display);
    } finally {
      for (int i = 0; i < trapped.size(); i++) {
        Signal.handle(trapped.get(i), previous.get(i));
      }
    }
  }

  private int follow(CliContext cli, Path state, String id, RunDirectory dir, ConsoleDisplay display) throws IOException {
    PrintWriter out = cli.out();
    BlockingQueue<String> typed = new LinkedBlockingQueue<>();
    Thread keyboard = new Thread(() -> readLines(cli, typed), "runbook-attach-input");
    keyboard.setDaemon(true);
    keyboard.start();
    Answerer answerer = null;
    long position = 0;
    StringBuilder partial = new StringBuilder();
    RunEvent.Waiting pending = null;
    boolean asked = false;
    long nextCheck = 0;
    try {
      while (!leaving) {
        List<RunEvent> events = new ArrayList<>();
        position = read(dir.events(), position, partial, events);
        for (RunEvent e : events) {
          if (e instanceof RunEvent.RunFinished f) {
            display.on(e);
            return exitCode(f.outcome());
          }
          if (e instanceof RunEvent.Waiting w) {
            pending = w;
            asked = false;
          } else if (e instanceof RunEvent.Answered a && pending != null && pending.step().equals(a.step())) {
            pending = null; // the display shows who answered, under the question
          } else if (e instanceof RunEvent.StepStarted st && pending != null && pending.stepChoice() && pending.step().equals(st.step())) {
            pending = null; // --step's choice was made: the step runs
          } else if (e instanceof RunEvent.StepFinished st && pending != null && pending.stepChoice() && pending.step().equals(st.step())) {
            pending = null; // or was skipped
          }
          display.on(e);
        }
        if (!events.isEmpty()) {
          continue; // catch up before asking anything
        }
        if (answerer == null && Files.exists(ControlChannel.socket(dir.root()))) {
          answerer = Answerer.connect(dir.root(), out);
        }
        if (pending != null && !asked && answerer != null && answerer.answers) {
          out.println();
          out.println(pending.prompt().strip());
          out.print(pending.stepChoice() ? "[r]un, [s]kip or [q]uit? "
              : pending.typed() != null ? "type `" + pending.typed() + "` to approve, anything else declines: " : "approve? [yes/no]: ");
          out.flush();
          asked = true;
        }
        String line = poll(typed);
        if (line == END) {
          leaving = true;
        } else if (line != null) {
          if (pending == null || answerer == null || !answerer.answers) {
            out.println(pending == null ? "nothing waits for an answer" : "this attach only watches; another one answers");
          } else {
            answerer.send(line);
          }
          out.flush();
        }
        if (System.nanoTime() > nextCheck) {
          nextCheck = System.nanoTime() + 2_000_000_000L;
          if (Files.exists(dir.journal()) && !RunCatalog.engineAlive(state, id) && read(dir.events(), position, new StringBuilder(partial), new ArrayList<>()) == position) {
            display.close();
            cli.err().println("run " + id + " is not running (its engine is gone and it recorded no end); see runbook show " + id
                + ", continue it with runbook resume " + id);
            return ExitCodes.FAILED;
          }
        }
      }
      display.close();
      cli.err().println("left run " + id + "; it goes on. Come back with: runbook attach " + id);
      return ExitCodes.OK;
    } finally {
      if (answerer != null) {
        answerer.close();
      }
    }
  }

  private static final String END = new String("end");

  private String poll(BlockingQueue<String> typed) {
    try {
      return typed.poll(100, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      leaving = true;
      return null;
    }
  }

  private static void readLines(CliContext cli, BlockingQueue<String> typed) {
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        typed.add(line);
      }
    } catch (IOException e) {
      // a closed input: attach leaves
    }
    typed.add(END);
  }

  /** Reads the complete lines added to the file since {@code position}; returns the new position. */
  private static long read(Path file, long position, StringBuilder partial, List<RunEvent> into) throws IOException {
    if (!Files.exists(file)) {
      return position;
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      if (length <= position) {
        return position;
      }
      byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
      f.seek(position);
      f.readFully(bytes);
      partial.append(new String(bytes, StandardCharsets.UTF_8));
      position += bytes.length;
    }
    int nl;
    while ((nl = partial.indexOf("\n")) >= 0) {
      String line = partial.substring(0, nl);
      partial.delete(0, nl + 1);
      try {
        if (Json.parse(line) instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          RunEvent e = RunEvent.fromMap((Map<String, Object>) m);
          if (e != null) {
            into.add(e);
          }
        }
      } catch (JsonException e) {
        // a line being written: it comes whole next time (only complete lines are read)
      }
    }
    return position;
  }

  private static int exitCode(String outcome) {
    switch (outcome == null ? "" : outcome) {
      case "succeeded": return ExitCodes.OK;
      case "failed": return ExitCodes.FAILED;
      case "aborted": return ExitCodes.ABORTED;
      default: return ExitCodes.INTERRUPTED;
    }
  }

  /** The answering end of the run's control channel. */
  private static final class Answerer {
    private final SocketChannel channel;
    private final boolean answers;

    private Answerer(SocketChannel channel, boolean answers) {
      this.channel = channel;
      this.answers = answers;
    }

    static Answerer connect(Path runDir, PrintWriter screen) {
      try {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(ControlChannel.socket(runDir)));
        BufferedReader in = SocketLines.reader(c);
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("hello", "attach");
        hello.put("pid", ProcessHandle.current().pid());
        hello.put("tty", TerminalPrompter.currentTerminal());
        SocketLines.write(c, Json.write(hello));
        String reply = in.readLine();
        Object parsed = reply == null ? null : Json.parse(reply);
        boolean ok = parsed instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("ok"));
        if (!ok) {
          screen.println(parsed instanceof Map<?, ?> m && m.get("message") != null ? m.get("message") : "the run does not take answers");
          screen.flush();
          c.close();
          return new Answerer(null, false);
        }
        Thread t = new Thread(() -> {
          try {
            String line;
            while ((line = in.readLine()) != null) {
              if (Json.parse(line) instanceof Map<?, ?> m && m.get("message") != null) {
                screen.println(m.get("message"));
                screen.flush();
              }
            }
          } catch (IOException | JsonException e) {
            // the run ended
          }
        }, "runbook-attach-replies");
        t.setDaemon(true);
        t.start();
        return new Answerer(c, true);
      } catch (IOException | JsonException e) {
        return null; // not served (yet, or any more): tried again
      }
    }

    void send(String answer) {
      try {
        SocketLines.write(channel, Json.write(Map.of("answer", answer)));
      } catch (IOException e) {
        // the run ended or stopped listening; the events say how
      }
    }

    void close() {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        // leaving anyway
      }
    }
  }
}
