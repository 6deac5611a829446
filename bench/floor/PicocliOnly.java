import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command-line library alone: a command with two options and paths, parsed, and nothing done. */
@Command(name = "floor", mixinStandardHelpOptions = true)
public final class PicocliOnly implements Runnable {
  @Option(names = "--format", defaultValue = "text")
  String format;

  @Option(names = "--strict")
  boolean strict;

  @Parameters(arity = "1..*")
  List<Path> paths = new ArrayList<>();

  @Override
  public void run() {
    System.out.println(paths.size() + " paths");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new PicocliOnly()).execute(args));
  }
}
