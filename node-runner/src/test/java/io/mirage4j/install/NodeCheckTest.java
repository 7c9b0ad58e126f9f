package io.mirage4j.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCheckTest {
  private static final String HINT = "; install Node.js 26 or newer and set MIRAGE4J_NODE (or -Dmirage4j.node, or"
      + " NodeSidecarProvider.builder().node(...)) to its node executable";

  @TempDir Path temp;

  private Path script(String name, String body) throws IOException {
    Path node = temp.resolve(name);
    Files.writeString(node, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwx------"));
    return node;
  }

  @Test
  void acceptsNode26AskingWithoutTheJspiFlag() throws IOException {
    // Node 26 refuses --experimental-wasm-jspi (JSPI is on by default): the check must not pass it.
    Path node = script("node", "[ \"$1\" = -p ] && echo '26.12.1 function'");
    assertThat(NodeCheck.require(node, "set by MIRAGE4J_NODE")).isEqualTo("26.12.1");
  }

  @Test
  void refusesNode24WhosePermissionModelHasNoNetworkFlag() throws IOException {
    Path node = script("node24", "echo '24.21.0 function'");
    assertThatThrownBy(() -> NodeCheck.require(node, "set by MIRAGE4J_NODE"))
        .isInstanceOf(PythonRuntimeUnavailableException.class)
        .hasMessage("Node.js at " + node + " (set by MIRAGE4J_NODE) is v24.21.0, mirage4j needs 26 or newer"
            + " (older permission models let the sidecar reach the network)" + HINT);
  }

  @Test
  void refusesAnOlderNodeSayingWhatItIs() throws IOException {
    Path node = script("node20", "echo '20.11.1 undefined'");
    assertThatThrownBy(() -> NodeCheck.require(node, "set by -Dmirage4j.node"))
        .hasMessage("Node.js at " + node + " (set by -Dmirage4j.node) is v20.11.1, mirage4j needs 26 or newer"
            + " (older permission models let the sidecar reach the network)" + HINT);
  }

  @Test
  void refusesANodeThatCannotRunTheProbeSayingWhatItIs() throws IOException {
    Path node = script("node8", "case \"$1\" in --version) echo v8.17.0;; *) echo \"node: bad option: $1\" >&2; exit 9;; esac");
    assertThatThrownBy(() -> NodeCheck.require(node, "set by MIRAGE4J_NODE"))
        .hasMessage("Node.js at " + node + " (set by MIRAGE4J_NODE) is v8.17.0, mirage4j needs 26 or newer"
            + " (older permission models let the sidecar reach the network)" + HINT);
  }

  @Test
  void refusesANodeWithoutJspi() throws IOException {
    Path node = script("nojspi", "echo '26.0.0 undefined'");
    assertThatThrownBy(() -> NodeCheck.require(node, "the bundled mirage4j-node-linux-x64"))
        .hasMessage("Node.js at " + node + " (the bundled mirage4j-node-linux-x64) is v26.0.0 without WebAssembly JSPI" + HINT);
  }

  @Test
  void refusesWhatIsNotNode() throws IOException {
    Path liar = script("liar", "echo hello; exit 3");
    assertThatThrownBy(() -> NodeCheck.require(liar, "set by MIRAGE4J_NODE"))
        .hasMessage(liar + " (set by MIRAGE4J_NODE) is not a usable Node.js: it answered 'hello' (exit status 3)" + HINT);
  }

  @Test
  void refusesAMissingFile() {
    Path missing = temp.resolve("missing");
    assertThatThrownBy(() -> NodeCheck.require(missing, "set by MIRAGE4J_NODE"))
        .hasMessage("no Node.js executable at " + missing + " (set by MIRAGE4J_NODE)" + HINT);
  }

  @Test
  void runsEachNodeOnce() throws IOException {
    Path counter = temp.resolve("runs");
    Path node = script("counted", "echo x >> " + counter + "; echo '26.12.1 function'");
    NodeCheck.require(node, "a");
    NodeCheck.require(node, "b");
    assertThat(Files.readAllLines(counter)).hasSize(1);
  }
}
