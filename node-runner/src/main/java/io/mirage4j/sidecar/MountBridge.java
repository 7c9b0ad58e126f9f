package io.mirage4j.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mode;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.rpc.Methods;
import io.mirage4j.rpc.RpcEndpoint;
import io.mirage4j.rpc.RpcError;
import io.mirage4j.rpc.RpcErrorCode;
import io.mirage4j.rpc.RpcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;

/**
 * Answers the sidecar's {@code fs/*} requests from the workspace's mounts, so a Python program
 * reads and writes them while it runs. Every path comes from the child and is checked: absolute,
 * no NUL, normalised before the mount that owns it is chosen. Refusals carry the reason ({@code
 * NOT_FOUND}, {@code READ_ONLY}, …) for Python to raise the matching {@code OSError}.
 *
 * <p>Stats and listings carry each entry's permission bits as its resource reports them ({@link
 * WorkspaceFs#permissions}); {@code fs/chmod} sets them on a writable mount, a mode from 0 to
 * {@code 07777}.
 */
final class MountBridge {
  /** The most bytes one {@code fs/read} answer carries; larger files are read in chunks. */
  static final int MAX_CHUNK = 128 << 20;
  /** The largest mode {@code fs/chmod} takes: the permission, set-id and sticky bits. */
  static final int MAX_MODE = 07777;

  private final WorkspaceFs own;
  private final ObjectMapper mapper;
  /** The files of the call in flight when it runs over a session's own view, else null. */
  private volatile WorkspaceFs view;

  MountBridge(WorkspaceFs fs, ObjectMapper mapper) {
    this.own = fs;
    this.mapper = mapper;
  }

  /**
   * Answers from {@code files} instead of the workspace's files until {@link #useOwn()}: a call
   * that runs over a session's view (which hides mounts and paths, or records what is done) sees
   * that view in every request, and its {@code mounts} param lists that view's mounts.
   */
  void use(WorkspaceFs files) {
    this.view = files;
  }

  /** Answers from the workspace's files again. */
  void useOwn() {
    this.view = null;
  }

  private WorkspaceFs fs() {
    WorkspaceFs v = view;
    return v != null ? v : own;
  }

  /** The {@code mounts} param of {@code python/run}: each prefix and its mode. */
  ArrayNode describeMounts() {
    ArrayNode list = mapper.createArrayNode();
    for (Mount m : fs().mounts().mounts()) {
      list.addObject().put("prefix", m.prefix()).put("mode", m.mode().name().toLowerCase(Locale.ROOT));
    }
    return list;
  }

  Map<String, RpcEndpoint.RequestHandler> handlers() {
    return Map.of(
        Methods.FS_STAT, this::stat,
        Methods.FS_LIST, this::list,
        Methods.FS_READ, this::read,
        Methods.FS_WRITE, this::write,
        Methods.FS_MKDIR, params -> guarded(() -> done(() -> fs().mkdir(path(params, "path")))),
        Methods.FS_REMOVE, params -> guarded(() -> done(() -> remove(path(params, "path"), false))),
        Methods.FS_RMDIR, params -> guarded(() -> done(() -> remove(path(params, "path"), true))),
        Methods.FS_RENAME, params -> guarded(() -> done(() -> fs().rename(path(params, "from"), path(params, "to")))),
        Methods.FS_CHMOD, this::chmod);
  }

  private JsonNode stat(JsonNode params) throws RpcException {
    String path = path(params, "path");
    return guarded(() -> stat(fs().stat(path), path));
  }

  private JsonNode list(JsonNode params) throws RpcException {
    return guarded(() -> {
      ArrayNode entries = mapper.createArrayNode();
      String directory = path(params, "path");
      for (FileStat entry : fs().list(directory)) {
        entries.add(stat(entry, PathNames.child(directory, entry.name())).put("name", entry.name()));
      }
      ObjectNode result = mapper.createObjectNode();
      result.set("entries", entries);
      return result;
    });
  }

  private JsonNode read(JsonNode params) throws RpcException {
    String path = path(params, "path");
    long offset = number(params, "offset", 0);
    long length = number(params, "length", MAX_CHUNK);
    if (length > MAX_CHUNK) {
      throw invalid("length " + length + " exceeds " + MAX_CHUNK);
    }
    return guarded(() -> {
      FileStat stat = fs().stat(path);
      if (stat.isDirectory()) {
        throw new ResourceException(ResourceException.Reason.IS_A_DIRECTORY, path);
      }
      // A whole file goes as the resource's own bytes where it keeps them in memory: no copy in Java.
      ByteBuffer data = offset == 0 && stat.size() <= length
          ? fs().readBuffer(path)
          : ByteBuffer.wrap(readRange(path, offset, length, stat.size()));
      ObjectNode result = mapper.createObjectNode().put("size", stat.size());
      result.putPOJO("data", data);
      return result;
    });
  }

  /** Bytes {@code offset} to {@code offset + length} of a file of {@code size} bytes. */
  private byte[] readRange(String path, long offset, long length, long size) {
    try (InputStream in = fs().open(path)) {
      in.skipNBytes(Math.min(offset, size));
      return in.readNBytes((int) Math.min(length, Math.max(0, size - offset)));
    } catch (IOException e) {
      throw new ResourceException(ResourceException.Reason.IO_ERROR, path, e);
    }
  }

  private JsonNode write(JsonNode params) throws RpcException {
    String path = path(params, "path");
    JsonNode data = params.get("data");
    if (data == null || !data.isBinary()) {
      throw invalid("data must be bytes");
    }
    boolean append = params.path("append").asBoolean(false);
    return guarded(() -> done(() -> {
      byte[] bytes = ((BinaryNode) data).binaryValue();
      if (append) {
        fs().append(path, bytes);
      } else {
        fs().write(path, bytes);
      }
    }));
  }

  private void remove(String path, boolean directory) {
    FileStat stat = fs().stat(path);
    if (stat.isDirectory() != directory) {
      throw new ResourceException(
          directory ? ResourceException.Reason.NOT_A_DIRECTORY : ResourceException.Reason.IS_A_DIRECTORY, path);
    }
    fs().delete(path);
  }

  /**
   * Sets the permission bits of a file or directory. Setting the mode it already has changes
   * nothing and succeeds, so that {@code shutil.copy} works on a resource that keeps no modes; a
   * read-only mount refuses either way, as Linux does.
   */
  private JsonNode chmod(JsonNode params) throws RpcException {
    String path = path(params, "path");
    JsonNode mode = params.get("mode");
    if (mode == null || !mode.isIntegralNumber() || !mode.canConvertToInt() || mode.intValue() < 0
        || mode.intValue() > MAX_MODE) {
      throw invalid("mode must be an integer from 0 to " + Integer.toOctalString(MAX_MODE) + " (octal)");
    }
    return guarded(() -> done(() -> {
      if (!fs().mode(path).allows(Mode.WRITE)) {
        throw new ResourceException(ResourceException.Reason.READ_ONLY, path);
      }
      if (fs().permissions(path) != mode.intValue()) {
        fs().setPermissions(path, mode.intValue());
      }
    }));
  }

  private ObjectNode stat(FileStat s, String path) {
    return mapper.createObjectNode()
        .put("kind", s.kind().name().toLowerCase(Locale.ROOT))
        .put("size", s.size())
        .put("mtimeMs", s.modified().toEpochMilli())
        .put("mode", fs().permissions(path));
  }

  private static String path(JsonNode params, String field) throws RpcException {
    JsonNode node = params.get(field);
    if (node == null || !node.isTextual() || !node.textValue().startsWith("/") || node.textValue().indexOf('\0') >= 0) {
      throw invalid(field + " must be an absolute path");
    }
    return PathNames.normalize(node.textValue());
  }

  private static long number(JsonNode params, String field, long fallback) throws RpcException {
    JsonNode node = params.get(field);
    if (node == null) {
      return fallback;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 0) {
      throw invalid(field + " must be a non-negative integer");
    }
    return node.longValue();
  }

  private static RpcException invalid(String message) {
    return new RpcException(RpcErrorCode.INVALID_PARAMS, message);
  }

  @FunctionalInterface
  private interface FsCall {
    JsonNode call() throws IOException;
  }

  @FunctionalInterface
  private interface FsAction {
    void run() throws IOException;
  }

  private JsonNode done(FsAction action) throws IOException {
    action.run();
    return mapper.createObjectNode();
  }

  /** Runs a filesystem call; a refusal becomes an RPC error that names its reason and path. */
  private JsonNode guarded(FsCall call) throws RpcException {
    try {
      return call.call();
    } catch (ResourceException e) {
      RpcErrorCode code = switch (e.reason()) {
        case NOT_FOUND -> RpcErrorCode.RESOURCE_NOT_FOUND;
        case READ_ONLY -> RpcErrorCode.READ_ONLY;
        default -> RpcErrorCode.FS_ERROR;
      };
      ObjectNode data = mapper.createObjectNode().put("reason", e.reason().name()).put("path", e.path());
      throw new RpcException(new RpcError(code.code(), e.reason().posixMessage(), data));
    } catch (IOException e) {
      ObjectNode data = mapper.createObjectNode().put("reason", ResourceException.Reason.IO_ERROR.name());
      throw new RpcException(new RpcError(RpcErrorCode.FS_ERROR.code(), String.valueOf(e.getMessage()), data));
    }
  }
}
