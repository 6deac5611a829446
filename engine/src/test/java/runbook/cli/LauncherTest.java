package runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.concurrent.TimeUnit;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers (./runbook of a checkout, packaging/bin/runbook of the packages) run as a user would
 * run them: without Java, with a Java older than 17, without Maven in a checkout that needs a build.
 */
class LauncherTest {
  private static final Path ROOT = Path.of(System.getProperty("runbook.root", "..")).toAbsolutePath().normalize();
  /** What the launchers use besides java and mvn. */
  private static final List<String> TOOLS = List.of("bash", "dirname", "readlink", "sed", "cat", "cksum", "cut", "stat",
      "find", "mkdir", "mktemp", "awk", "rm", "mv", "chmod", "cp", "head");
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  /** A PATH with the tools the launcher needs and nothing else: no java, no mvn. */
  private Path bareBin() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : TOOLS) {
      for (String dir : List.of("/usr/bin", "/bin")) {
        Path real = Path.of(dir, tool);
        if (Files.isExecutable(real) && !Files.exists(bin.resolve(tool))) {
          // a script, not a link: the temporary folder is deleted without following links out of it
          Path wrapper = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
          Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
    return bin;
  }

  private Result launch(Path launcher, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("HOME", tmp.toString());
    pb.environment().putAll(env);
    pb.redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher hangs");
    return new Result(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
  }

  @Test
  void withoutJavaItSaysWhatToInstallAndExits69() throws Exception {
    for (Path launcher : List.of(ROOT.resolve("runbook"), ROOT.resolve("packaging/bin/runbook"))) {
      Result r = launch(launcher, Map.of("PATH", bareBin().toString()), "--version");
      assertEquals(69, r.code(), launcher + ": " + r.err());
      assertTrue(r.err().contains("no Java runtime found"), r.err());
      assertTrue(r.err().contains("needs Java 17 or later"), r.err());
      assertTrue(r.err().contains("install"), r.err());
      assertTrue(r.err().contains("runbook-VERSION-linux-x86_64.tar.gz"), r.err());
    }
  }

  @Test
  void anOlderJavaIsNamedWithWhatToInstall() throws Exception {
    Path old = Files.createDirectories(tmp.resolve("jdk11/bin"));
    Files.writeString(tmp.resolve("jdk11/release"), "JAVA_VERSION=\"11.0.22\"\n");
    Path java = Files.writeString(old.resolve("java"), "#!/bin/sh\necho 'this java must not run' >&2\nexit 1\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Result r = launch(ROOT.resolve("packaging/bin/runbook"),
        Map.of("PATH", bareBin().toString(), "JAVA_HOME", tmp.resolve("jdk11").toString()), "--version");
    assertEquals(69, r.code(), r.err());
    assertTrue(r.err().contains(java + " is Java 11; runbook needs Java 17 or later"), r.err());
    assertFalse(r.err().contains("must not run"), r.err());
  }

  @Test
  void aCheckoutWithoutMavenSaysSoInsteadOfFailingTheBuild() throws Exception {
    // a checkout whose engine was never built: the launcher and its library, no engine/target
    Path checkout = tmp.resolve("checkout");
    Files.createDirectories(checkout.resolve("packaging/lib"));
    Files.createDirectories(checkout.resolve("engine/src/main"));
    Files.copy(ROOT.resolve("runbook"), checkout.resolve("runbook"));
    Files.copy(ROOT.resolve("packaging/lib/launcher.sh"), checkout.resolve("packaging/lib/launcher.sh"));
    Files.writeString(checkout.resolve("pom.xml"), "<project/>");
    Files.writeString(checkout.resolve("engine/pom.xml"), "<project/>");
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    Result r = launch(checkout.resolve("runbook"), Map.of("PATH", bareBin() + ":" + javaBin), "--version");
    assertEquals(69, r.code(), r.err());
    assertTrue(r.err().contains("building it needs Maven (mvn), which is not installed"), r.err());
    assertTrue(r.err().contains("apt install maven"), r.err());
    assertFalse(Files.exists(checkout.resolve("engine/target-build.log")), "no build was tried");
  }

  @Test
  void theInstalledLauncherRunsTheEngineAndFindsShippedPlaybooksByName() throws Exception {
    // the archive's layout: bin/, lib/, playbooks/, a runtime/ (here a link to the JDK running the tests)
    Path home = tmp.resolve("runbook-x");
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("lib"));
    Files.copy(ROOT.resolve("packaging/bin/runbook"), home.resolve("bin/runbook"));
    Files.copy(ROOT.resolve("packaging/lib/launcher.sh"), home.resolve("lib/launcher.sh"));
    jarOfTestClasspath(home.resolve("lib/runbook.jar"));
    copyTree(ROOT.resolve("playbooks"), home.resolve("playbooks"));
    // the archive's own runtime: here the JDK running the tests, through a script that starts it
    Path runtimeBin = Files.createDirectories(home.resolve("runtime/bin"));
    Path java = Files.writeString(runtimeBin.resolve("java"),
        "#!/bin/sh\nexec " + Path.of(System.getProperty("java.home"), "bin", "java") + " \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Result r = launch(home.resolve("bin/runbook"), Map.of("PATH", bareBin().toString(), "RUNBOOK_STARTUP_ARCHIVE", "off"),
        "lint", "thin-pool-metadata-repair");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("0 errors, 0 warnings in 1 file"), r.out());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  /** The engine as a jar that names its classes and libraries (the tests run before the package is made). */
  private static void jarOfTestClasspath(Path jar) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "runbook.cli.Main");
    List<String> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toString());
    }
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      out.flush();
    }
  }
}
