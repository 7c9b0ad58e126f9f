package io.mirage4j.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.fs.ResourceException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/** What the file tools share: failures as results, and text that must be UTF-8. */
final class FileTool {
  private FileTool() {}

  /** The result of {@code work}, or a failed result that says what the file system refused. */
  static ToolResult guarded(String tool, Supplier<ToolResult> work) {
    try {
      return work.get();
    } catch (ResourceException e) {
      return failure(tool + ": " + e.path() + ": " + e.reason().posixMessage());
    }
  }

  static ToolResult failure(String message) {
    ObjectNode structured = Json.MAPPER.createObjectNode().put("error", message);
    return new ToolResult(message, structured, true);
  }

  /** {@code bytes} as text, or empty when they are not UTF-8 or hold a NUL byte (a binary file). */
  static Optional<String> text(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
