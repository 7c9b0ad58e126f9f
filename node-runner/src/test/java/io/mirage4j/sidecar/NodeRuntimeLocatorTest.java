package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.install.FakeBundles;
import io.mirage4j.install.Platform;
import io.mirage4j.install.RuntimeDirectory;
import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRuntimeLocatorTest {
  private static final Platform LINUX_X64 = new Platform("linux", "x64", false);
  private static final String HINT = "install Node.js 26 or newer and set MIRAGE4J_NODE (or -Dmirage4j.node, or"
      + " NodeSidecarProvider.builder().node(...)) to its node executable";

  @TempDir Path temp;
  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();

  private NodeRuntimeLocator locator(ClassLoader classpath, Optional<Path> nodeOption, Platform platform) {
    properties.putIfAbsent("mirage4j.cache.dir", temp.resolve("cache").toString());
    return new NodeRuntimeLocator(nodeOption, properties::get, env::get, classpath, () -> platform);
  }

  private NodeRuntimeLocator locator(ClassLoader classpath) {
    return locator(classpath, Optional.empty(), LINUX_X64);
  }

  private static ClassLoader emptyClasspath() {
    return new URLClassLoader(new URL[0], null);
  }

  private Path shimDir() throws IOException {
    Path shim = Files.createDirectories(temp.resolve("shim"));
    Files.writeString(shim.resolve("index.js"), "");
    Files.createDirectories(shim.resolve("node_modules/pyodide"));
    Files.writeString(shim.resolve("node_modules/pyodide/pyodide.mjs"), "");
    return shim;
  }

  private Path fakeNode(String name) throws IOException {
    return fakeNode(name, FakeBundles.NODE_26);
  }

  private Path fakeNode(String name, String script) throws IOException {
    Path node = temp.resolve(name);
    Files.writeString(node, script);
    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwx------"));
    return node;
  }

  @Test
  void withoutAnyRuntimeSaysWhatToAdd() {
    assertThatThrownBy(() -> locator(emptyClasspath()).locate())
        .isInstanceOf(PythonRuntimeUnavailableException.class)
        .hasMessage("no Python runtime: the classpath has no io.mirage4j:mirage4j-runtime:" + ExpectedRuntime.BUILT.mirage4j()
            + " (mirage4j-node-runner brings it unless excluded); add it, or set MIRAGE4J_RUNTIME_DIR to a directory"
            + " made by 'mirage4j install-runtime DIR'");
  }

  @Test
  void saysWhatIsMissingFromADevelopmentShim() throws IOException {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    properties.put("mirage4j.shim.dir", empty.toString());
    assertThatThrownBy(() -> locator(emptyClasspath()).locate()).hasMessage("js-shim not found: no index.js in " + empty);
    Files.writeString(empty.resolve("index.js"), "");
    properties.remove("mirage4j.shim.dir");
    env.put("MIRAGE4J_SHIM_DIR", empty.toString());
    assertThatThrownBy(() -> locator(emptyClasspath()).locate())
        .hasMessageStartingWith("pyodide not installed in " + empty.resolve("node_modules"));
  }

  @Test
  void nodeIsTheBuilderOptionThenThePropertyThenTheEnvironment() throws IOException {
    Path shim = shimDir();
    properties.put("mirage4j.shim.dir", shim.toString());
    Path fromBuilder = fakeNode("builder-node");
    Path fromProperty = fakeNode("property-node");
    Path fromEnv = fakeNode("env-node");
    properties.put("mirage4j.node", fromProperty.toString());
    env.put("MIRAGE4J_NODE", fromEnv.toString());
    assertThat(locator(emptyClasspath(), Optional.of(fromBuilder), LINUX_X64).locate())
        .isEqualTo(new NodeRuntime(fromBuilder, shim));
    assertThat(locator(emptyClasspath()).locate()).isEqualTo(new NodeRuntime(fromProperty, shim));
    properties.remove("mirage4j.node");
    assertThat(locator(emptyClasspath()).locate()).isEqualTo(new NodeRuntime(fromEnv, shim));
  }

  @Test
  void aDevelopmentShimRunsTheNodeTheBuildInstalledInIt() throws IOException {
    Path shim = shimDir();
    properties.put("mirage4j.shim.dir", shim.toString());
    Path installed = NodeRuntimeLocator.bundledNode(shim);
    Files.createDirectories(installed.getParent());
    Files.copy(fakeNode("n"), installed);
    assertThat(locator(emptyClasspath()).locate()).isEqualTo(new NodeRuntime(installed, shim));
  }

  @Test
  void extractsTheRuntimeAndThisPlatformsNodeFromTheClasspath() {
    FakeBundles bundles = new FakeBundles(temp.resolve("classpath"));
    String runtimeDir = bundles.runtime("// shim").directoryName();
    String nodeDir = bundles.node("linux-x64", FakeBundles.NODE_26).directoryName();
    bundles.node("linux-arm64", "#!/bin/sh\nexit 99\n");

    NodeRuntime found = locator(bundles.loader()).locate();

    Path cache = temp.resolve("cache/runtime");
    assertThat(found).isEqualTo(new NodeRuntime(cache.resolve(nodeDir).resolve("bin/node"), cache.resolve(runtimeDir)));
    assertThat(found.entryPoint()).hasContent("// shim");
    assertThat(locator(bundles.loader()).locate()).isEqualTo(found);
  }

  @Test
  void theEnvironmentsNodeWinsOverTheBundledOne() throws IOException {
    FakeBundles bundles = new FakeBundles(temp.resolve("classpath"));
    bundles.runtime("// shim");
    bundles.node("linux-x64", "#!/bin/sh\nexit 99\n");
    Path own = fakeNode("own-node");
    env.put("MIRAGE4J_NODE", own.toString());
    assertThat(locator(bundles.loader()).locate().node()).isEqualTo(own);
    assertThat(temp.resolve("cache/runtime")).isDirectoryNotContaining("glob:**/mirage4j-node-*");
  }

  @Test
  void anExcludedNodeArtifactSaysWhichToAdd() {
    FakeBundles bundles = new FakeBundles(temp.resolve("classpath"));
    bundles.runtime("// shim");
    bundles.node("linux-arm64", FakeBundles.NODE_26);
    assertThatThrownBy(() -> locator(bundles.loader()).locate())
        .isInstanceOf(PythonRuntimeUnavailableException.class)
        .hasMessage("no Node.js for linux-x64 on the classpath: add io.mirage4j:mirage4j-node-linux-x64:"
            + ExpectedRuntime.BUILT.mirage4j() + ", or " + HINT);
  }

  @Test
  void anUnsupportedPlatformOrMuslSaysToBringNode() {
    FakeBundles bundles = new FakeBundles(temp.resolve("classpath"));
    bundles.runtime("// shim");
    bundles.node("linux-x64", FakeBundles.NODE_26);
    assertThatThrownBy(() -> locator(bundles.loader(), Optional.empty(), new Platform("darwin", "arm64", false)).locate())
        .hasMessageStartingWith("no bundled Node.js for darwin-arm64 (mirage4j ships one for linux-x64 and linux-arm64)");
    assertThatThrownBy(() -> locator(bundles.loader(), Optional.empty(), new Platform("linux", "x64", true)).locate())
        .hasMessageStartingWith("no bundled Node.js for linux-x64 with musl libc (Alpine)");
  }

  @Test
  void usesAnInstalledRuntimeDirectory() throws IOException {
    FakeBundles bundles = new FakeBundles(temp.resolve("classpath"));
    bundles.runtime("// installed shim");
    bundles.node("linux-x64", FakeBundles.NODE_26);
    Path dir = temp.resolve("image/mirage4j");
    RuntimeDirectory.install(dir, List.of(LINUX_X64), bundles.loader());
    env.put("MIRAGE4J_RUNTIME_DIR", dir.toString());

    NodeRuntime found = locator(emptyClasspath()).locate();

    assertThat(found).isEqualTo(new NodeRuntime(dir.resolve("node/linux-x64/bin/node"), dir.resolve("runtime")));
    assertThat(temp.resolve("cache")).doesNotExist();
  }

  @Test
  void anEmptyRuntimeDirectorySaysHowToFillIt() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("image"));
    env.put("MIRAGE4J_RUNTIME_DIR", dir.toString());
    assertThatThrownBy(() -> locator(emptyClasspath()).locate())
        .hasMessage("no mirage4j-runtime in " + dir.resolve("runtime") + " (MIRAGE4J_RUNTIME_DIR or"
            + " -Dmirage4j.runtime.dir); fill it with 'mirage4j install-runtime " + dir + "'");
  }

  @Test
  void aMissingNodeSaysWhatChoseIt() throws IOException {
    properties.put("mirage4j.shim.dir", shimDir().toString());
    Path missing = temp.resolve("no-such-node");
    env.put("MIRAGE4J_NODE", missing.toString());
    assertThatThrownBy(() -> locator(emptyClasspath()).locate())
        .hasMessage("no Node.js executable at " + missing + " (set by MIRAGE4J_NODE); " + HINT);
  }

  @Test
  void aNode24IsRefusedWhicheverWayItWasChosen() throws IOException {
    String refusal = ", mirage4j needs 26 or newer (older permission models let the sidecar reach the network); " + HINT;
    Path shim = shimDir();
    properties.put("mirage4j.shim.dir", shim.toString());
    Path fromBuilder = fakeNode("builder-node24", FakeBundles.NODE_24);
    assertThatThrownBy(() -> locator(emptyClasspath(), Optional.of(fromBuilder), LINUX_X64).locate())
        .isInstanceOf(PythonRuntimeUnavailableException.class)
        .hasMessage("Node.js at " + fromBuilder + " (set by NodeSidecarProvider.builder().node(...)) is v24.21.0" + refusal);
    Path fromProperty = fakeNode("property-node24", FakeBundles.NODE_24);
    properties.put("mirage4j.node", fromProperty.toString());
    assertThatThrownBy(() -> locator(emptyClasspath()).locate())
        .hasMessage("Node.js at " + fromProperty + " (set by -Dmirage4j.node) is v24.21.0" + refusal);
    properties.remove("mirage4j.node");
    Path fromEnv = fakeNode("env-node24", FakeBundles.NODE_24);
    env.put("MIRAGE4J_NODE", fromEnv.toString());
    assertThatThrownBy(() -> locator(emptyClasspath()).locate())
        .hasMessage("Node.js at " + fromEnv + " (set by MIRAGE4J_NODE) is v24.21.0" + refusal);
    env.remove("MIRAGE4J_NODE");
    Path installed = NodeRuntimeLocator.bundledNode(shim);
    Files.createDirectories(installed.getParent());
    Files.copy(fakeNode("installed-node24", FakeBundles.NODE_24), installed);
    assertThatThrownBy(() -> locator(emptyClasspath()).locate())
        .hasMessage("Node.js at " + installed + " (installed in " + shim.resolve("node_modules") + ") is v24.21.0" + refusal);
  }

  @Test
  void aBundledNode24IsRefused() {
    FakeBundles bundles = new FakeBundles(temp.resolve("classpath"));
    bundles.runtime("// shim");
    String nodeDir = bundles.node("linux-x64", FakeBundles.NODE_24).directoryName();
    Path extracted = temp.resolve("cache/runtime").resolve(nodeDir).resolve("bin/node");
    assertThatThrownBy(() -> locator(bundles.loader()).locate())
        .isInstanceOf(PythonRuntimeUnavailableException.class)
        .hasMessage("Node.js at " + extracted + " (the bundled mirage4j-node-linux-x64) is v24.21.0, mirage4j needs 26 or"
            + " newer (older permission models let the sidecar reach the network); " + HINT);
  }
}
