package io.mirage4j.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleExtractorTest {
  @TempDir Path temp;

  private Bundle runtime(FakeBundles bundles) {
    return Bundle.find(bundles.loader(), Bundle.RUNTIME_ROOT).orElseThrow();
  }

  private FakeBundles bundles(String name) {
    return new FakeBundles(temp.resolve(name));
  }

  @Test
  void extractsOnceThenUsesWhatIsThere() throws IOException {
    FakeBundles bundles = bundles("cp");
    BundleManifest manifest = bundles.runtime("console.log(1)");
    Path target = temp.resolve("cache/" + manifest.directoryName());

    BundleExtractor.Extraction first = BundleExtractor.extract(runtime(bundles), target);
    assertThat(first.extracted()).isTrue();
    assertThat(Files.readString(target.resolve("index.js"))).isEqualTo("console.log(1)");
    assertThat(Files.readString(target.resolve("node_modules/pyodide/pyodide.mjs"))).isEqualTo("export {}");
    assertThat(ExtractedBundle.open(target).manifest()).isEqualTo(manifest);

    BundleExtractor.Extraction second = BundleExtractor.extract(runtime(bundles), target);
    assertThat(second.extracted()).isFalse();
    assertThat(second.bundle().directory()).isEqualTo(target);
    assertThat(siblings(target)).containsExactlyInAnyOrder(manifest.directoryName(), "." + manifest.directoryName() + ".lock");
  }

  @Test
  void makesExecutablesExecutable() throws IOException {
    FakeBundles bundles = bundles("cp");
    bundles.node("linux-x64", FakeBundles.NODE_26);
    Bundle node = Bundle.find(bundles.loader(), "META-INF/mirage4j/node/linux-x64").orElseThrow();
    Path dir = BundleExtractor.extract(node, temp.resolve("node")).bundle().directory();
    assertThat(Files.isExecutable(dir.resolve("bin/node"))).isTrue();
    assertThat(Files.isExecutable(dir.resolve("LICENSE"))).isFalse();
  }

  @RepeatedTest(25)
  void threadsExtractingAtOnceShareOneDirectory() {
    FakeBundles bundles = bundles("cp");
    Path target = temp.resolve("cache/" + bundles.runtime("x").directoryName());
    List<CompletableFuture<BundleExtractor.Extraction>> runs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          return BundleExtractor.extract(runtime(bundles), target);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    assertThat(runs.stream().map(CompletableFuture::join).filter(BundleExtractor.Extraction::extracted)).hasSize(1);
  }

  @Test
  void removesTemporariesLeftByAnExtractionThatDied() throws IOException {
    FakeBundles bundles = bundles("cp");
    BundleManifest manifest = bundles.runtime("x");
    Path target = temp.resolve("cache/" + manifest.directoryName());
    Path stale = Files.createDirectories(target.resolveSibling("." + manifest.directoryName() + ".tmp-dead/lib"));
    Files.writeString(stale.resolve("half.js"), "");
    BundleExtractor.extract(runtime(bundles), target);
    assertThat(siblings(target)).containsExactlyInAnyOrder(manifest.directoryName(), "." + manifest.directoryName() + ".lock");
  }

  @Test
  void reportsADamagedDirectoryAndLeavesItAlone() throws IOException {
    FakeBundles bundles = bundles("cp");
    Path target = temp.resolve("cache/" + bundles.runtime("x").directoryName());
    BundleExtractor.extract(runtime(bundles), target);
    Files.delete(target.resolve("index.js"));
    assertThatThrownBy(() -> BundleExtractor.extract(runtime(bundles), target))
        .isInstanceOf(PythonRuntimeUnavailableException.class)
        .hasMessage(target + " is damaged (index.js is missing or changed); delete it to have it made again");
    assertThat(target.resolve("package.json")).exists();
  }

  @Test
  void refusesADirectoryHoldingAnotherBundle() throws IOException {
    FakeBundles old = bundles("old");
    FakeBundles current = bundles("new");
    BundleManifest oldManifest = old.runtime("old");
    BundleManifest newManifest = current.runtime("new");
    Path target = temp.resolve("installed/runtime");
    BundleExtractor.extract(runtime(old), target);
    assertThatThrownBy(() -> BundleExtractor.extract(runtime(current), target))
        .hasMessage(target + " holds mirage4j-runtime 1.0.0 (" + oldManifest.hash().substring(0, 16) + "), not"
            + " mirage4j-runtime 1.0.0 (" + newManifest.hash().substring(0, 16) + "); remove it or choose another directory");
    Files.createDirectories(temp.resolve("other"));
    assertThatThrownBy(() -> BundleExtractor.extract(runtime(current), temp.resolve("other")))
        .hasMessageContaining("exists but holds no mirage4j-runtime");
  }

  @Test
  void refusesAJarWhoseFilesDoNotMatchItsManifest() throws IOException {
    FakeBundles bundles = bundles("cp");
    BundleManifest manifest = bundles.runtime("x");
    Files.writeString(temp.resolve("cp").resolve(Bundle.RUNTIME_ROOT).resolve("files/index.js"), "tampered");
    Path target = temp.resolve("cache/" + manifest.directoryName());
    assertThatThrownBy(() -> BundleExtractor.extract(runtime(bundles), target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("files/index.js does not match mirage4j-runtime's manifest");
    assertThat(target).doesNotExist();
    assertThat(siblings(target)).noneMatch(name -> name.contains(".tmp-"));
  }

  @Test
  void keysTheDirectoryByNameVersionAndHash() {
    BundleManifest manifest = new BundleManifest("mirage4j-runtime", "0.1.0-SNAPSHOT", "ab".repeat(32), Map.of(), List.of());
    assertThat(manifest.directoryName()).isEqualTo("mirage4j-runtime-0.1.0-SNAPSHOT-abababababababab");
  }

  @Test
  void refusesManifestPathsThatLeaveTheDirectory() {
    for (String path : List.of("../x", "/etc/passwd", "a/../../b", "a//b", "./a", "a\\b")) {
      assertThatThrownBy(() -> new BundleFile(path, 1, "0".repeat(64), false)).as(path)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static List<String> siblings(Path target) throws IOException {
    try (Stream<Path> list = Files.list(target.getParent())) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }
  }
}
