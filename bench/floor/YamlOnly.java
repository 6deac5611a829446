import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The YAML library alone: load one file into maps and lists, and nothing else. */
public final class YamlOnly {
  public static void main(String[] args) throws Exception {
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of(args[0])));
    System.out.println(doc != null ? "loaded" : "empty");
  }
}
