package io.mirage4j.tools;

import static io.mirage4j.tools.Parameter.Type.INTEGER;
import static io.mirage4j.tools.Parameter.Type.STRING;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** {@code read}: a text file's lines. */
final class ReadTool {
  static final int DEFAULT_LINES = 2000;
  private static final Signature SIGNATURE = new Signature("read",
      Parameter.required("path", STRING, "The file to read (absolute, or relative to the session's working directory)."),
      Parameter.optional("offset", INTEGER, "The first line to read, counting from 1 (default 1).").range(1, Integer.MAX_VALUE),
      Parameter.optional("limit", INTEGER, "How many lines to read at most (default " + DEFAULT_LINES + ").")
          .range(1, Integer.MAX_VALUE),
      ShellTool.SESSION);

  private static final String DESCRIPTION =
      "Read a UTF-8 text file of the workspace, whole or a range of its lines (offset, limit)."
          + " Returns the lines as they are; the structured result says which lines they are and how"
          + " many the file has. A binary file is refused: use the shell (od, base64, python) for it.";

  private ReadTool() {}

  static WorkspaceTool create(WorkspaceTools tools) {
    return new DefinedTool(tools, DESCRIPTION, SIGNATURE, true, (args, session, call) -> {
      String path = Paths.resolve(session, args.string("path"));
      return FileTool.guarded("read", () -> {
        byte[] bytes = session.fs().read(path);
        Optional<String> text = FileTool.text(bytes);
        if (text.isEmpty()) {
          return FileTool.failure("read: " + path + ": binary file (" + bytes.length
              + " bytes); use the shell (od, base64) or python to look at it");
        }
        return lines(tools.textLimit(), path, text.get(), (int) args.integer("offset", 1), (int) args.integer("limit", DEFAULT_LINES));
      });
    });
  }

  private static ToolResult lines(int textLimit, String path, String content, int offset, int limit) {
    String[] all = content.isEmpty() ? new String[0] : content.split("(?<=\n)");
    int total = all.length;
    int from = Math.min(offset - 1, total);
    int to = (int) Math.min((long) from + limit, total);
    StringBuilder chosen = new StringBuilder();
    for (int i = from; i < to; i++) {
      chosen.append(all[i]);
    }
    Capped capped = Capped.of(chosen.toString(), textLimit);
    StringBuilder text = new StringBuilder(capped.text());
    boolean more = to < total;
    if (capped.truncated()) {
      text.append(text.isEmpty() || text.charAt(text.length() - 1) == '\n' ? "" : "\n").append(capped.notice("content")).append('\n');
    } else if (more) {
      text.append(text.isEmpty() || text.charAt(text.length() - 1) == '\n' ? "" : "\n")
          .append("[lines ").append(from + 1).append('-').append(to).append(" of ").append(total)
          .append("; read on with offset ").append(to + 1).append("]\n");
    }
    ObjectNode structured = Json.MAPPER.createObjectNode()
        .put("path", path)
        .put("content", capped.text())
        .put("firstLine", from + 1)
        .put("lines", to - from)
        .put("totalLines", total)
        .put("truncated", capped.truncated() || more);
    return new ToolResult(text.toString(), structured, false);
  }
}
