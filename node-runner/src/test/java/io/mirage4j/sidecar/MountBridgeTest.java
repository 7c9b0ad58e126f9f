package io.mirage4j.sidecar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.MountTable;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.rpc.Methods;
import io.mirage4j.rpc.RpcCodec;
import io.mirage4j.rpc.RpcId;
import io.mirage4j.rpc.RpcMessage;
import io.mirage4j.rpc.RpcException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sidecar's fs/* requests, answered from the mounts; every path is untrusted input. */
class MountBridgeTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final RpcCodec codec = new RpcCodec(mapper);
  private final Resource data = Resources.inMemory();
  private final Resource ro = Resources.inMemory();
  private final Map<String, io.mirage4j.rpc.RpcEndpoint.RequestHandler> handlers;

  MountBridgeTest() {
    data.write("/a.txt", "0123456789".getBytes(UTF_8));
    ro.write("/keep.txt", "k".getBytes(UTF_8));
    WorkspaceFs fs = new WorkspaceFs(new MountTable(List.of(
        new Mount("/data", data, Mode.EXEC), new Mount("/ro", ro, Mode.READ))));
    handlers = new MountBridge(fs, mapper).handlers();
  }

  /** The handler's answer as Node receives it: through the codec, out and back. */
  private JsonNode call(String method, ObjectNode params) throws Exception {
    JsonNode result = handlers.get(method).handle(params);
    RpcMessage back = codec.decode(codec.encode(RpcMessage.Response.success(RpcId.of(1), result)));
    return ((RpcMessage.Response) back).result();
  }

  private ObjectNode path(String path) {
    return mapper.createObjectNode().put("path", path);
  }

  @Test
  void statsListsAndReadsInChunks() throws Exception {
    assertThat(call(Methods.FS_STAT, path("/data/a.txt")).get("size").asLong()).isEqualTo(10);
    assertThat(call(Methods.FS_STAT, path("/data")).get("kind").asText()).isEqualTo("directory");
    assertThat(call(Methods.FS_LIST, path("/")).get("entries").findValuesAsText("name")).containsExactly("data", "ro");
    JsonNode chunk = call(Methods.FS_READ, path("/data/a.txt").put("offset", 3).put("length", 4));
    assertThat(new String(chunk.get("data").binaryValue(), UTF_8)).isEqualTo("3456");
    assertThat(chunk.get("size").asLong()).isEqualTo(10);
    JsonNode tail = call(Methods.FS_READ, path("/data/a.txt").put("offset", 8));
    assertThat(new String(tail.get("data").binaryValue(), UTF_8)).isEqualTo("89");
  }

  @Test
  void aWholeFileGoesAsTheResourceBytesAndKeepsWhatTheFileWas() throws Exception {
    JsonNode answer = handlers.get(Methods.FS_READ).handle(path("/data/a.txt"));
    data.append("/a.txt", "tail".getBytes(UTF_8));
    data.write("/a.txt", "other".getBytes(UTF_8));
    RpcMessage back = codec.decode(codec.encode(RpcMessage.Response.success(RpcId.of(1), answer)));
    JsonNode result = ((RpcMessage.Response) back).result();
    assertThat(new String(result.get("data").binaryValue(), UTF_8)).isEqualTo("0123456789");
    assertThat(result.get("size").asLong()).isEqualTo(10);
  }

  @Test
  void writesAppendsAndRenamesReachTheMount() throws Exception {
    ObjectNode write = path("/data/new.txt");
    write.set("data", BinaryNode.valueOf("one".getBytes(UTF_8)));
    call(Methods.FS_WRITE, write);
    write.put("append", true);
    call(Methods.FS_WRITE, write);
    call(Methods.FS_RENAME, mapper.createObjectNode().put("from", "/data/new.txt").put("to", "/data/moved.txt"));
    assertThat(new String(data.read("/moved.txt"), UTF_8)).isEqualTo("oneone");
    call(Methods.FS_MKDIR, path("/data/d"));
    call(Methods.FS_RMDIR, path("/data/d"));
    call(Methods.FS_REMOVE, path("/data/moved.txt"));
    assertThat(data.list("/")).extracting(s -> s.name()).containsExactly("a.txt");
  }

  @Test
  void refusalsNameTheirReason() {
    ObjectNode write = path("/ro/keep.txt");
    write.set("data", BinaryNode.valueOf(new byte[] {1}));
    assertThatThrownBy(() -> call(Methods.FS_WRITE, write))
        .isInstanceOfSatisfying(RpcException.class, e -> {
          assertThat(e.error().code()).isEqualTo(-32002);
          assertThat(e.error().message()).isEqualTo("Read-only file system");
          assertThat(e.error().data().get("reason").asText()).isEqualTo("READ_ONLY");
        });
    assertThatThrownBy(() -> call(Methods.FS_STAT, path("/data/missing")))
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error().code()).isEqualTo(-32001));
    assertThatThrownBy(() -> call(Methods.FS_RENAME, mapper.createObjectNode().put("from", "/data/a.txt").put("to", "/ro/a.txt")))
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error().data().get("reason").asText()).isEqualTo("CROSS_DEVICE"));
    assertThatThrownBy(() -> call(Methods.FS_REMOVE, path("/data")))
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error().data().get("reason").asText()).isEqualTo("IS_A_DIRECTORY"));
    assertThatThrownBy(() -> call(Methods.FS_RMDIR, path("/data")))
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error().data().get("reason").asText()).isEqualTo("BUSY"));
    assertThat(new String(ro.read("/keep.txt"), UTF_8)).isEqualTo("k");
  }

  @Test
  void pathsFromTheChildAreCheckedAndNormalised() throws Exception {
    assertThatThrownBy(() -> call(Methods.FS_STAT, path("relative"))).isInstanceOfSatisfying(RpcException.class,
        e -> assertThat(e.error().code()).isEqualTo(-32602));
    assertThatThrownBy(() -> call(Methods.FS_STAT, path("/data/a\0.txt"))).isInstanceOf(RpcException.class);
    assertThatThrownBy(() -> call(Methods.FS_STAT, mapper.createObjectNode().put("path", 5))).isInstanceOf(RpcException.class);
    assertThatThrownBy(() -> call(Methods.FS_READ, path("/data/a.txt").put("offset", -1))).isInstanceOf(RpcException.class);
    assertThat(call(Methods.FS_STAT, path("/data/../data/./a.txt")).get("size").asLong()).isEqualTo(10);
    assertThatThrownBy(() -> call(Methods.FS_STAT, path("/data/../etc/passwd")))
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error().data().get("path").asText()).isEqualTo("/etc/passwd"));
  }

  @Test
  void statsAndListingsCarryTheModeTheResourceReports() throws Exception {
    data.mkdir("/d");
    data.write("/run.sh", new byte[0]);
    data.setPermissions("/run.sh", 0750);
    assertThat(call(Methods.FS_STAT, path("/data/a.txt")).get("mode").intValue()).isEqualTo(0644);
    assertThat(call(Methods.FS_STAT, path("/data/d")).get("mode").intValue()).isEqualTo(0755);
    assertThat(call(Methods.FS_STAT, path("/")).get("mode").intValue()).isEqualTo(0755);
    JsonNode entries = call(Methods.FS_LIST, path("/data")).get("entries");
    assertThat(entries.findValuesAsText("name")).containsExactly("a.txt", "d", "run.sh");
    assertThat(entries.findValues("mode")).extracting(JsonNode::intValue).containsExactly(0644, 0755, 0750);
  }

  @Test
  void chmodSetsTheModeOnAWritableMountOnly() throws Exception {
    call(Methods.FS_CHMOD, path("/data/a.txt").put("mode", 0700));
    assertThat(data.permissions("/a.txt")).isEqualTo(0700);
    assertThatThrownBy(() -> call(Methods.FS_CHMOD, path("/ro/keep.txt").put("mode", 0755)))
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error().data().get("reason").asText()).isEqualTo("READ_ONLY"));
    assertThatThrownBy(() -> call(Methods.FS_CHMOD, path("/ro/keep.txt").put("mode", 0644)))
        .as("the same mode again is still a change on a read-only mount")
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error().data().get("reason").asText()).isEqualTo("READ_ONLY"));
    assertThat(ro.permissions("/keep.txt")).isEqualTo(0644);
    assertThatThrownBy(() -> call(Methods.FS_CHMOD, path("/data/missing").put("mode", 0644)))
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error().code()).isEqualTo(-32001));
  }

  @Test
  void chmodModesFromTheChildAreChecked() {
    for (JsonNode bad : List.<JsonNode>of(mapper.getNodeFactory().numberNode(-1), mapper.getNodeFactory().numberNode(010000),
        mapper.getNodeFactory().textNode("755"), mapper.getNodeFactory().numberNode(7.5))) {
      ObjectNode params = path("/data/a.txt");
      params.set("mode", bad);
      assertThatThrownBy(() -> call(Methods.FS_CHMOD, params)).as("mode %s", bad)
          .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error().code()).isEqualTo(-32602));
    }
    assertThatThrownBy(() -> call(Methods.FS_CHMOD, path("/data/a.txt")))
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error().code()).isEqualTo(-32602));
    assertThat(data.permissions("/a.txt")).isEqualTo(0644);
  }
}
