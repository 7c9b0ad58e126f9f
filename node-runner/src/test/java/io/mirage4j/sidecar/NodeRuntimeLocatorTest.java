package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRuntimeLocatorTest {
  @TempDir Path temp;

  private static NodeRuntimeLocator locator(Map<String, String> properties, Map<String, String> env) {
    return new NodeRuntimeLocator(properties::get, env::get);
  }

  private Path shimDir() throws IOException {
    Path shim = Files.createDirectories(temp.resolve("shim"));
    Files.writeString(shim.resolve("index.js"), "");
    Files.createDirectories(shim.resolve("node_modules/pyodide"));
    Files.writeString(shim.resolve("node_modules/pyodide/pyodide.mjs"), "");
    return shim;
  }

  private Path fakeNode(String version) throws IOException {
    Path node = temp.resolve("node-" + version);
    Files.writeString(node, "#!/bin/sh\necho " + version + "\n");
    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwx------"));
    return node;
  }

  @Test
  void saysWhatToSetWhenNothingIsConfigured() {
    assertThatThrownBy(() -> locator(Map.of(), Map.of()).locate())
        .isInstanceOf(PythonRuntimeUnavailableException.class)
        .hasMessage("Python runtime not configured; set MIRAGE4J_SHIM_DIR or -Dmirage4j.shim.dir"
            + " to the js-shim directory of a built mirage4j");
  }

  @Test
  void saysWhatIsMissingFromTheShimDirectory() throws IOException {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    assertThatThrownBy(() -> locator(Map.of("mirage4j.shim.dir", empty.toString()), Map.of()).locate())
        .hasMessage("js-shim not found: no index.js in " + empty);
    Files.writeString(empty.resolve("index.js"), "");
    assertThatThrownBy(() -> locator(Map.of(), Map.of("MIRAGE4J_SHIM_DIR", empty.toString())).locate())
        .hasMessageStartingWith("pyodide not installed in " + empty.resolve("node_modules"));
  }

  @Test
  void thePropertyWinsOverTheEnvironment() throws IOException {
    Path shim = shimDir();
    Path v24 = fakeNode("v24.21.0");
    Path v25 = fakeNode("v25.0.0");
    NodeRuntime found = locator(
        Map.of("mirage4j.shim.dir", shim.toString(), "mirage4j.node", v25.toString()),
        Map.of("MIRAGE4J_NODE", v24.toString())).locate();
    assertThat(found).isEqualTo(new NodeRuntime(v25, shim));
  }

  @Test
  void refusesANodeOlderThan24() throws IOException {
    Path shim = shimDir();
    Path old = fakeNode("v20.11.1");
    assertThatThrownBy(() -> locator(Map.of("mirage4j.shim.dir", shim.toString()), Map.of("MIRAGE4J_NODE", old.toString())).locate())
        .hasMessage("Node.js >= 24 required, found v20 at " + old + "; set MIRAGE4J_NODE or -Dmirage4j.node to a Node 24");
  }

  @Test
  void refusesSomethingThatIsNotNode() throws IOException {
    Path shim = shimDir();
    Path liar = fakeNode("hello");
    assertThatThrownBy(() -> locator(Map.of("mirage4j.shim.dir", shim.toString(), "mirage4j.node", liar.toString()), Map.of()).locate())
        .hasMessage(liar + " is not a Node.js executable (--version said 'hello')");
  }

  @Test
  void defaultsToTheNodeTheBuildInstalledInTheShim() throws IOException {
    Path shim = shimDir();
    assertThatThrownBy(() -> locator(Map.of("mirage4j.shim.dir", shim.toString()), Map.of()).locate())
        .hasMessageStartingWith("Node.js not found at " + NodeRuntimeLocator.bundledNode(shim));
    assertThat(NodeRuntimeLocator.bundledNode(shim).toString()).contains("node_modules/node-");
  }
}
