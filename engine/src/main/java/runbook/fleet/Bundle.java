package runbook.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import runbook.model.Playbook;

/**
 * What travels to a host with each call of its agent: the playbook and its variant chain (paths
 * relative to the directory they share, so a base's {@code extends: ../x.yaml} still resolves), a
 * host's scenario for {@code --simulate}, and the sha256 of each file, which the host checks on
 * what it wrote before anything runs.
 */
public record Bundle(List<File> files, String playbook, String scenario, String playbookName) {
  /** One file: its path in the bundle, its bytes and their sha256. */
  public record File(String path, byte[] bytes, String sha256) {}

  public static Bundle of(Playbook pb, Path scenario) throws IOException {
    List<Path> sources = new ArrayList<>();
    for (String s : pb.sources()) {
      sources.add(Path.of(s).toAbsolutePath().normalize());
    }
    Path root = sources.get(0).getParent();
    for (Path s : sources) {
      while (!s.startsWith(root)) {
        root = root.getParent();
      }
    }
    List<File> files = new ArrayList<>();
    for (Path s : sources) {
      byte[] bytes = Files.readAllBytes(s);
      files.add(new File("playbook/" + root.relativize(s), bytes, sha256(bytes)));
    }
    String scenarioPath = null;
    if (scenario != null) {
      byte[] bytes = Files.readAllBytes(scenario);
      scenarioPath = "scenario/" + scenario.getFileName();
      files.add(new File(scenarioPath, bytes, sha256(bytes)));
    }
    return new Bundle(files, files.get(0).path(), scenarioPath, pb.name());
  }

  /** The bundle's fields of an agent request. */
  public Map<String, Object> toMap() {
    List<Object> list = new ArrayList<>();
    for (File f : files) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", f.path());
      m.put("sha256", f.sha256());
      m.put("base64", Base64.getEncoder().encodeToString(f.bytes()));
      list.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", list);
    m.put("playbook", playbook);
    m.put("scenario", scenario);
    return m;
  }

  /** The sha256 of the whole bundle: of each path and file hash, in order. */
  public String sha256() {
    StringBuilder b = new StringBuilder();
    files.forEach(f -> b.append(f.path()).append('\0').append(f.sha256()).append('\n'));
    return sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
