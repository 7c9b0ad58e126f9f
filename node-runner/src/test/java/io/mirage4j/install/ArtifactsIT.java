package io.mirage4j.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jars this build made, as a user downloads them: each bundle's files are the ones its
 * manifest lists, byte for byte; the licenses are inside; no {@code -sources.jar} carries a binary.
 */
class ArtifactsIT {
  private static final Path ROOT = Path.of(System.getProperty("mirage4j.root"));
  private static final String VERSION = System.getProperty("mirage4j.version");

  private static Path jar(String module, String artifact, String classifier) {
    return ROOT.resolve(module).resolve("target").resolve(artifact + "-" + VERSION + classifier + ".jar");
  }

  @Test
  void theRuntimeJarHoldsWhatItsManifestListsAndTheLicenseNotices() throws IOException {
    try (JarFile jar = new JarFile(jar("runtime", "mirage4j-runtime", "").toFile())) {
      BundleManifest manifest = checkedBundle(jar, Bundle.RUNTIME_ROOT);
      assertThat(manifest.name()).isEqualTo("mirage4j-runtime");
      assertThat(manifest.version()).isEqualTo(VERSION);
      assertThat(manifest.files()).extracting(BundleFile::path).contains("index.js", "package.json",
          "node_modules/pyodide/pyodide.asm.wasm", "node_modules/pyodide/python_stdlib.zip",
          "node_modules/ws/LICENSE", "licenses/THIRD-PARTY-NOTICES.md", "licenses/pyodide-MPL-2.0.txt",
          "licenses/python-LICENSE.txt");
      assertThat(manifest.files()).extracting(BundleFile::path).noneMatch(p -> p.endsWith(".test.js") || p.endsWith(".map"));
    }
  }

  @Test
  void eachNodeJarHoldsNodeAndItsLicense() throws IOException {
    for (String platform : Platform.BUNDLED) {
      try (JarFile jar = new JarFile(jar("node/" + platform, "mirage4j-node-" + platform, "").toFile())) {
        BundleManifest manifest = checkedBundle(jar, "META-INF/mirage4j/node/" + platform);
        assertThat(manifest.properties()).containsEntry("platform", platform);
        assertThat(manifest.files()).extracting(BundleFile::path).containsExactly("LICENSE", "bin/node");
        assertThat(manifest.files().get(1).executable()).isTrue();
        assertThat(manifest.files().get(1).size()).isGreaterThan(50L << 20);
      }
    }
  }

  @Test
  void noSourcesJarCarriesABinary() throws IOException {
    List<Path> sources = new ArrayList<>();
    for (String module : List.of("java-api", "node-runner", "runtime", "node/linux-x64", "node/linux-arm64")) {
      try (Stream<Path> files = Files.list(ROOT.resolve(module).resolve("target"))) {
        sources.addAll(files.filter(p -> p.getFileName().toString().endsWith("-sources.jar")).collect(Collectors.toList()));
      }
    }
    assertThat(sources).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("mirage4j-java-api-" + VERSION + "-sources.jar", "mirage4j-node-runner-" + VERSION + "-sources.jar");
    for (Path source : sources) {
      try (JarFile jar = new JarFile(source.toFile())) {
        for (JarEntry entry : Collections.list(jar.entries())) {
          assertThat(entry.getSize()).as(source + "!" + entry.getName()).isLessThan(1 << 20);
          assertThat(entry.getName()).as(source.toString()).doesNotContain("mirage4j/node/", "mirage4j/runtime/")
              .doesNotEndWith(".wasm").doesNotEndWith(".zip");
        }
      }
    }
  }

  /** The manifest under {@code root}, after checking every file it lists against the jar. */
  private static BundleManifest checkedBundle(JarFile jar, String root) throws IOException {
    BundleManifest manifest;
    try (InputStream in = jar.getInputStream(jar.getJarEntry(root + "/" + BundleManifest.FILE_NAME))) {
      manifest = BundleManifest.read(in, jar.getName());
    }
    MessageDigest all = sha256();
    for (BundleFile file : manifest.files()) {
      JarEntry entry = jar.getJarEntry(root + "/files/" + file.path());
      assertThat(entry).as(file.path()).isNotNull();
      byte[] bytes;
      try (InputStream in = jar.getInputStream(entry)) {
        bytes = in.readAllBytes();
      }
      assertThat((long) bytes.length).as(file.path()).isEqualTo(file.size());
      assertThat(HexFormat.of().formatHex(sha256().digest(bytes))).as(file.path()).isEqualTo(file.sha256());
      all.update((file.path() + "\0" + file.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertThat(HexFormat.of().formatHex(all.digest())).isEqualTo(manifest.hash());
    List<String> listed = manifest.files().stream().map(f -> root + "/files/" + f.path()).collect(Collectors.toList());
    assertThat(Collections.list(jar.entries()).stream().map(JarEntry::getName)
        .filter(n -> n.startsWith(root + "/files/") && !n.endsWith("/"))).containsExactlyInAnyOrderElementsOf(listed);
    return manifest;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
