package io.mirage4j.mcp;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Mount;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.workspace.Workspace;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The workspace's files as MCP resources: {@code file:///data/a.txt} is the file {@code
 * /data/a.txt} of the workspace (not of the host). UTF-8 text reads as text, anything else as a
 * base64 blob. The listing walks the mounts breadth first and stops at a number of files, or at
 * {@link #MAX_ENTRIES_LOOKED_AT} entries, so a huge host directory does not hold the server up.
 */
final class FileResources {
  static final String SCHEME_PREFIX = "file:///";
  static final String TEMPLATE = SCHEME_PREFIX + "{path}";
  static final int MAX_ENTRIES_LOOKED_AT = 10_000;
  /** The largest file a resource read returns; the read tool reads larger ones in ranges. */
  static final long MAX_READ_BYTES = 16L << 20;

  private final Workspace workspace;
  private final int maxListedFiles;

  FileResources(Workspace workspace, int maxListedFiles) {
    this.workspace = workspace;
    this.maxListedFiles = maxListedFiles;
  }

  List<SyncResourceSpecification> listed() {
    List<SyncResourceSpecification> specs = new ArrayList<>();
    if (maxListedFiles == 0) {
      return specs;
    }
    int looked = 0;
    Deque<String> dirs = new ArrayDeque<>();
    for (Mount m : workspace.mounts()) {
      dirs.add(m.prefix());
    }
    while (!dirs.isEmpty()) {
      String dir = dirs.poll();
      List<FileStat> entries;
      try {
        entries = workspace.fs().list(dir);
      } catch (ResourceException e) {
        continue;
      }
      for (FileStat e : entries) {
        if (++looked > MAX_ENTRIES_LOOKED_AT) {
          return specs;
        }
        String path = PathNames.child(dir, e.name());
        if (e.isDirectory()) {
          dirs.add(path);
        } else if (e.isFile()) {
          McpSchema.Resource resource = McpSchema.Resource.builder()
              .uri(uri(path))
              .name(path)
              .mimeType(mimeType(path).orElse(null))
              .size(e.size())
              .build();
          specs.add(new SyncResourceSpecification(resource, this::read));
          if (specs.size() >= maxListedFiles) {
            return specs;
          }
        }
      }
    }
    return specs;
  }

  SyncResourceTemplateSpecification template() {
    McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder()
        .uriTemplate(TEMPLATE)
        .name("workspace-file")
        .title("A file of the workspace")
        .description("Any file of the workspace by its absolute path: file:///data/notes.txt is /data/notes.txt."
            + " UTF-8 text reads as text, other files as a base64 blob.")
        .build();
    return new SyncResourceTemplateSpecification(template, this::read);
  }

  McpSchema.ReadResourceResult read(McpSyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
    String uri = request.uri();
    String path = path(uri);
    byte[] bytes;
    try {
      FileStat stat = workspace.fs().stat(path);
      if (stat.isDirectory()) {
        throw notFound(uri, path + " is a directory");
      }
      if (stat.size() > MAX_READ_BYTES) {
        throw notFound(uri, path + " is " + stat.size() + " bytes, more than a resource read returns ("
            + MAX_READ_BYTES + "); read it in ranges with the read tool");
      }
      bytes = workspace.fs().read(path);
    } catch (ResourceException e) {
      throw notFound(uri, e.getMessage());
    }
    Optional<String> text = utf8(bytes);
    McpSchema.ResourceContents contents = text.isPresent()
        ? new McpSchema.TextResourceContents(uri, mimeType(path).orElse("text/plain"), text.get())
        : new McpSchema.BlobResourceContents(uri, mimeType(path).orElse("application/octet-stream"),
            Base64.getEncoder().encodeToString(bytes));
    return new McpSchema.ReadResourceResult(List.of(contents));
  }

  /** {@code file:///data/a%20b.txt} for {@code /data/a b.txt}. */
  static String uri(String path) {
    try {
      return new URI("file", "", path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a path: " + path, e);
    }
  }

  /** The workspace path a {@code file:///} URI names. */
  static String path(String uri) {
    if (uri == null || !uri.startsWith(SCHEME_PREFIX)) {
      throw notFound(uri, "a workspace file's URI is file:///<absolute path>");
    }
    try {
      String path = new URI(uri).getPath();
      if (path == null || path.isEmpty() || path.equals("/")) {
        throw notFound(uri, "no path");
      }
      return path;
    } catch (URISyntaxException e) {
      throw notFound(uri, "not a URI: " + e.getMessage());
    }
  }

  private static McpError notFound(String uri, String why) {
    return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
        .message("Resource not found: " + uri + ": " + why)
        .data(uri)
        .build();
  }

  private static Optional<String> mimeType(String path) {
    return Optional.ofNullable(URLConnection.guessContentTypeFromName(path));
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString())
          .filter(s -> s.indexOf('\0') < 0);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
