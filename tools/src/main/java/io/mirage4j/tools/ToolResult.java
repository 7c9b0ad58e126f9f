package io.mirage4j.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a tool call gives back: text for the model to read, the same as structured content, and
 * whether the call failed.
 *
 * <pre>{@code
 * ToolResult r = tools.call("read", Json.object("path", "/data/missing.txt"), ToolCall.quiet());
 * r.isError(); // true
 * r.text();    // "read: /data/missing.txt: No such file or directory"
 * }</pre>
 *
 * @param text the result as a model reads it
 * @param structured the result as a JSON object
 * @param isError whether the call failed
 */
public record ToolResult(String text, ObjectNode structured, boolean isError) {
  public ToolResult {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(structured, "structured");
  }
}
